import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { makeWav } from "../helpers/media.js";
import { type Spawned, runEntry, waitFor } from "../helpers/processes.js";
import { createTestDatabase, uniqueName } from "../helpers/stack.js";
import { picturesShown } from "../helpers/pictures-shown.js";

/**
 * `npm start` without chat tokens: the chat sandbox at /sandbox in a real headless Chromium,
 * driving the real Discord bot and Slack app through the local fakes: `/generate` on each, a
 * result with its pictures, a button that opens a modal, the modal filled in and its new result.
 */
describe("the chat sandbox in a browser", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let run: Spawned;
  let url: string;
  let browser: Browser;
  let stopping = false;
  /** Why npm start ended before the tests were done, for the failure that follows. */
  let ended = "";

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), "cg-sandbox-"));
    const s = inject("stack");
    run = runEntry("apps/dev.ts", {
      PORT: String(await freePort()),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      MONGODB_URL: s.mongoUrl,
      MONGODB_DB: uniqueName("sandbox").replace("-", "_"),
      S3_ENDPOINT: s.s3Endpoint,
      S3_REGION: s.s3Region,
      S3_BUCKET: uniqueName("sandbox-bucket"),
      S3_ACCESS_KEY_ID: s.s3AccessKeyId,
      S3_SECRET_ACCESS_KEY: s.s3SecretAccessKey,
      S3_FORCE_PATH_STYLE: String(s.s3ForcePathStyle),
      CHAT_CHANNEL_INTERVAL_MS: "0",
      LOG_LEVEL: "warn",
    });
    void run.exited.then((code) => {
      if (!stopping) ended = `npm start exited with ${code}: ${run.stderr() || run.stdout()}`;
    });
    url = await waitFor(() => run.stdout().match(/chat sandbox: (http:\/\/\S+)/)?.[1], 90_000, `the sandbox line; stderr: ${run.stderr()}`);
    browser = await chromium.launch({ executablePath: inject("chromiumPath"), headless: true, args: ["--no-sandbox"] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    stopping = true;
    run?.child.kill("SIGTERM");
    await run?.exited;
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  afterEach(() => {
    expect(ended).toBe("");
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${url}?${query}`);
    // The page's own script and styles run under its CSP: a refused one shows as an error here.
    await expect.poll(() => page.locator("#feed").getAttribute("aria-live")).toBe("polite");
    expect(errors).toEqual([]);
    // Laid out as a page with its doctype, not in quirks mode.
    expect(await page.evaluate("document.compatMode")).toBe("CSS1Compat");
    return page;
  }

  async function send(page: Page, command: string) {
    await page.getByRole("combobox", { name: "command" }).fill(command);
    await page.getByRole("button", { name: "Send", exact: true }).click();
  }

  it("says where it is in the first lines of npm start", () => {
    expect(run.stdout()).toMatch(/listening on http:\/\/\S+ .*\nchat sandbox: http:\/\/\S+\/sandbox/);
  });

  it("on Discord: /generate shows the bot's result with its pictures; Edit prompt & rerun opens the form, whose new result shows", async () => {
    const page = await open("platform=discord&as=ann");
    await expect.poll(() => page.locator(".help").textContent()).toContain("/generate prompt:");
    await send(page, "/generate a lighthouse in fog count:1");
    const feed = page.locator("#feed");
    await expect.poll(() => feed.locator(".act").first().textContent()).toContain("/generate a lighthouse in fog count:1");
    const result = feed.locator(".message", { has: page.locator(".gallery img") }).first();
    expect(await picturesShown(result)).toBe(1);
    expect(await result.locator(".title").textContent()).toMatch(/lighthouse in fog/);

    await result.getByRole("button", { name: "Edit prompt & rerun" }).click();
    const form = page.locator("#modal form.modal");
    await form.waitFor({ timeout: 20_000 });
    const prompt = form.locator("textarea, input").first();
    expect(await prompt.inputValue()).toContain("a lighthouse in fog");
    await prompt.fill("a lighthouse in fog, in watercolour");
    await form.getByRole("button", { name: "Submit" }).click();
    await form.waitFor({ state: "detached", timeout: 20_000 });
    const rerun = feed.locator(".message", { hasText: "in watercolour", has: page.locator(".gallery img") }).first();
    expect(await picturesShown(rerun)).toBeGreaterThan(0);
    expect(await page.locator("#error").textContent()).toBe("");

    // Send to DM, then the DM with the bot: the result is there, pictures and all.
    await rerun.getByRole("button", { name: "Send to DM" }).click();
    await page.getByRole("link", { name: "@content-bot" }).click();
    await page.waitForURL(/channel=dm/);
    const dm = page.locator("#feed .message", { hasText: "in watercolour" }).first();
    expect(await picturesShown(dm)).toBeGreaterThan(0);
  });

  it("on Discord and Slack: a result's picture menu offers the more actions, and a choice (Pan ⬅ of picture 2) shows its new result", async () => {
    for (const platform of ["discord", "slack"]) {
      const page = await open(`platform=${platform}&as=ann`);
      await send(page, platform === "discord" ? "/generate two paper boats count:2" : "/generate two paper boats --count 2");
      const feed = page.locator("#feed");
      const result = feed.locator(".message", { hasText: "two paper boats", has: page.locator("select[data-menu]") }).first();
      const menu = result.locator("select[data-menu]").first();
      await menu.waitFor({ timeout: 30_000 });
      expect(await menu.locator("option").allTextContents()).toContain("2: Pan ⬅ left");
      await menu.selectOption({ label: "2: Pan ⬅ left" });
      await expect
        .poll(() => feed.locator(".act").allTextContents(), { timeout: 10_000 })
        .toContainEqual(expect.stringContaining("chose 2: Pan ⬅ left"));
      const panned = feed.locator(".message", { hasText: /Pan: two paper boats/ }).first();
      await panned.waitFor({ timeout: 30_000 });
      expect(await page.locator("#error").textContent()).toBe("");
      await page.close();
    }
  });

  it("on Slack: /generate shows the app's message with its pictures; Edit prompt & rerun opens the modal, whose new result shows", async () => {
    const page = await open("platform=slack&as=bob");
    await expect.poll(() => page.locator(".help").textContent()).toContain("/generate <prompt>");
    await send(page, "/generate a red fox in snow --count 1");
    const feed = page.locator("#feed");
    const result = feed.locator(".message", { hasText: "red fox in snow", has: page.locator("img.image") }).first();
    expect(await picturesShown(result)).toBe(1);

    await result.getByRole("button", { name: "Edit prompt & rerun" }).click();
    const form = page.locator("#modal form.modal");
    await form.waitFor({ timeout: 20_000 });
    const prompt = form.locator('textarea[name="prompt/prompt"]');
    expect(await prompt.inputValue()).toContain("a red fox in snow");
    await prompt.fill("a red fox in snow at night");
    await form.locator("button.submit").click();
    await form.waitFor({ state: "detached", timeout: 20_000 });
    const rerun = feed.locator(".message", { hasText: "at night", has: page.locator("img.image") }).first();
    expect(await picturesShown(rerun)).toBeGreaterThan(0);
    expect(await page.locator("#error").textContent()).toBe("");
  });

  it("shows an answer only its asker sees to the asker alone: /help on Discord, /jobs on Slack", async () => {
    const ann = await open("platform=discord&as=ann&channel=200000000000000772");
    await send(ann, "/help");
    const help = ann.locator("#feed .only-you", { hasText: "/generate" }).first();
    await help.waitFor({ timeout: 20_000 });
    expect(await help.locator(".note").textContent()).toBe("Only you can see this");
    // Bob, in the same channel, sees nothing of it: neither Ann's command nor its answer.
    const bob = await open("platform=discord&as=bob&channel=200000000000000772");
    await bob.locator("#feed[data-loaded]").waitFor({ state: "attached" });
    expect(await bob.locator("#feed").innerHTML()).toBe("");

    const slack = await open("platform=slack&as=ann&channel=C0RANDOM");
    await send(slack, "/jobs");
    const jobs = slack.locator("#feed .only-you").first();
    await jobs.waitFor({ timeout: 20_000 });
    expect(await jobs.locator(".note").textContent()).toBe("Only visible to you");
  });

  it("hands a recording picked on the page to npm start's bots: /transcribe on Discord and on Slack shows its transcript", async () => {
    for (const [query, typed] of [
      ["platform=discord&as=bob&channel=200000000000000772", "/transcribe"],
      ["platform=slack&as=ann&channel=C0RANDOM", "/transcribe"],
    ] as const) {
      const page = await open(query);
      await page.getByRole("combobox", { name: "command" }).fill(typed);
      await page.getByLabel("file", { exact: true }).setInputFiles({ name: "memo.wav", mimeType: "audio/wav", buffer: makeWav(2) });
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const result = page.locator("#feed .message", { hasText: "transcript.txt" }).first();
      await result.waitFor({ timeout: 60_000 });
      expect(await result.textContent()).toMatch(/“\S+/);
      expect(await page.locator("#error").textContent()).toBe("");
    }
  }, 120_000);

  it("refuses a command the bot does not have, in one line on the page", async () => {
    const page = await open("platform=discord&as=bob");
    await send(page, "/paint a cat");
    await expect.poll(() => page.locator("#error").textContent()).toMatch(/^no command \/paint here; the bot has \/generate/);
  });
});
