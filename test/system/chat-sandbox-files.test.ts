import { zipSync } from "fflate";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { registerCommands } from "../../bots/discord/register-commands.js";
import { renderPicture } from "../../infra/fakes/picture.js";
import { sandboxApp } from "../../infra/sandbox/app.js";
import { DISCORD_GUILD, discordChannelIds } from "../../infra/sandbox/world.js";
import { type ChatStack, startChatStack } from "../helpers/chat.js";
import { makeWav } from "../helpers/media.js";
import { picturesShown } from "../helpers/pictures-shown.js";

/**
 * The chat sandbox's page over the real bots, in Chromium, for what needs a file, the bot's
 * suggestions or a job caught mid-way: /transcribe with an uploaded recording on Discord and on
 * Slack, /train with a zip of pictures, LoRA autocomplete, and a progress message the result
 * replaces. The sandbox is mounted on an API whose fal emulator the test holds.
 */
describe("the chat sandbox in a browser: files, autocomplete, progress", () => {
  let s: ChatStack;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    s = await startChatStack({
      mount(app, chat) {
        app.route("/sandbox", sandboxApp({ discord: chat.discord, slack: chat.slack, appFetch: async (path) => app.request(path) }));
      },
    });
    await registerCommands({
      token: s.discord.token,
      applicationId: s.discord.applicationId,
      apiUrl: s.discord.apiUrl,
      guildId: DISCORD_GUILD.id,
    });
    s.discord.addGuild({ ...DISCORD_GUILD, channelIds: discordChannelIds });
    url = `${s.api.url}/sandbox`;
    browser = await chromium.launch({ executablePath: inject("chromiumPath"), headless: true, args: ["--no-sandbox"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  }, 60_000);

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}?${query}`);
    await page.locator("#feed[data-loaded]").waitFor({ state: "attached" });
    expect(errors).toEqual([]);
    return page;
  }

  const command = (page: Page) => page.getByRole("combobox", { name: "command" });
  const send = (page: Page) => page.getByRole("button", { name: "Send", exact: true }).click();

  it("on Discord: /transcribe with a recording picked for its file option shows the transcript", async () => {
    const page = await open("platform=discord&as=ann");
    // A picker shows for each of the command's attachment options, and none for a command without one.
    await command(page).fill("/jobs");
    expect(await page.locator("#files input[type=file]").count()).toBe(0);
    await command(page).fill("/generate a fox");
    for (const role of ["style", "subject", "composition"]) expect(await page.getByLabel(role, { exact: true }).count()).toBe(1);
    await command(page).fill("/transcribe speakers:true");
    await page.getByLabel("file", { exact: true }).setInputFiles({ name: "standup.wav", mimeType: "audio/wav", buffer: makeWav(3) });
    await send(page);
    const feed = page.locator("#feed");
    await expect.poll(() => feed.locator(".act").first().textContent()).toContain("/transcribe speakers:true file: standup.wav");
    const result = feed.locator(".message", { hasText: "transcript.txt" }).first();
    await result.waitFor({ timeout: 60_000 });
    // The message quotes the transcript's first words.
    expect(await result.locator(".desc").textContent()).toMatch(/“\S+/);
    expect(await page.locator("#error").textContent()).toBe("");
  }, 90_000);

  it("on Slack: a recording picked with /transcribe is shared in the channel, named in the command, and its transcript shown; Transcribe this file on it too", async () => {
    const page = await open("platform=slack&as=bob");
    await command(page).fill("/transcribe --speakers");
    await page.getByLabel("file", { exact: true }).setInputFiles({ name: "standup.wav", mimeType: "audio/wav", buffer: makeWav(3) });
    await send(page);
    const feed = page.locator("#feed");
    await expect.poll(() => feed.locator(".act").first().textContent()).toContain("/transcribe standup.wav --speakers");
    // Bob's file share is in the channel, as Slack shows it to everyone there.
    const share = feed.locator(".message", { has: page.locator(".file", { hasText: "standup.wav" }) });
    await share.waitFor({ timeout: 20_000 });
    expect(await share.locator(".name").textContent()).toBe("Bob");
    const results = feed.locator(".message", { hasText: "transcript.txt" });
    await results.first().waitFor({ timeout: 60_000 });
    expect(await results.first().textContent()).toMatch(/“\S+/);
    // The message shortcut on Bob's file transcribes it again, into the file's thread.
    await share.getByRole("button", { name: "⋯ Transcribe this file" }).click();
    await expect.poll(() => feed.locator(".act", { hasText: "used Transcribe this file" }).count()).toBe(1);
    await expect.poll(() => results.count(), { timeout: 60_000 }).toBe(2);
    expect(await page.locator("#error").textContent()).toBe("");
  }, 120_000);

  it("on Discord: /train with a zip of pictures picked for images trains the LoRA, which /generate's lora option then suggests", async () => {
    const page = await open("platform=discord&as=ann&channel=200000000000000772");
    const faces: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) faces[`face${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 256, 256));
    await command(page).fill("/train name:annstyle");
    await page
      .getByLabel("images", { exact: true })
      .setInputFiles({ name: "faces.zip", mimeType: "application/zip", buffer: Buffer.from(zipSync(faces)) });
    await send(page);
    const feed = page.locator("#feed");
    const training = feed.locator(".message", { hasText: "annstyle" }).first();
    await training.waitFor({ timeout: 30_000 });
    await feed.locator(".message", { hasText: "model.safetensors" }).first().waitFor({ timeout: 90_000 });

    // As Ann types the lora option, the bot's choices show under the message box.
    await command(page).fill("/generate a fox in the style lora:ann");
    const choice = page.getByRole("option", { name: "annstyle (v1)" });
    await choice.waitFor({ timeout: 10_000 });
    await choice.click();
    const typed = await command(page).inputValue();
    expect(typed).toMatch(/^\/generate a fox in the style lora:\S+$/);
    expect(typed).not.toMatch(/lora:ann$/);
    expect(await page.locator("#suggestions li").count()).toBe(0);
    // An option without autocomplete offers nothing.
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/sandbox/autocomplete")),
      command(page).fill("/generate a fox seed:4"),
    ]);
    expect(await answer.json()).toEqual({ choices: [] });
  }, 150_000);

  it("on Discord: the job's message shows it running, and the result replaces it in the same message", async () => {
    let submitted: () => void = () => {};
    const reachedFal = new Promise<void>((r) => {
      submitted = r;
    });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // fal takes the submission and answers it when the test says so: the job is running meanwhile.
    s.fal.beforeAnswer = async (r) => {
      if (!String(r.input.prompt ?? "").includes("harbour at dawn")) return;
      submitted();
      await held;
    };
    try {
      const page = await open("platform=discord&as=bob");
      await command(page).fill("/generate a harbour at dawn count:1");
      await send(page);
      await reachedFal;
      const running = page.locator("#feed .message", { hasText: /Running/ }).first();
      await running.waitFor({ timeout: 30_000 });
      const id = await running.getAttribute("data-id");
      expect(id).toBeTruthy();
      const message = page.locator(`#feed .message[data-id="${id}"]`);
      expect(await message.locator(".gallery img").count()).toBe(0);
      release();
      expect(await picturesShown(message.locator(".gallery"))).toBe(1);
      expect(await message.textContent()).not.toMatch(/Running/);
      expect(await message.locator(".title").textContent()).toMatch(/harbour at dawn/);
    } finally {
      release();
      s.fal.beforeAnswer = undefined;
    }
  }, 90_000);
});
