import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useChatStack } from "../helpers/chat.js";
import { waitFor } from "../helpers/processes.js";

const ACME = "100000000000000001";
const GENERAL = "200000000000000001";
const ann = { id: "300000000000000001", username: "ann" };

/**
 * Signing in to the web gallery from chat, end to end in Debian's headless Chromium: `/gallery`
 * through the Discord fake, the link taken from the ephemeral reply Discord recorded, opened,
 * continued, and the gallery shown signed in as that member; the same link a second time is refused.
 */
describe("signing in to the gallery from Discord, in a browser", () => {
  const s = useChatStack();
  let browser: Browser;

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("/gallery's ephemeral link opens the gallery signed in as the member who asked, once", async () => {
    const sent = s.discord.slashCommand({ name: "gallery", guildId: ACME, channelId: GENERAL, user: ann, options: {} });
    const reply = await waitFor(
      async () => {
        const msg = s.discord.original(sent.token);
        return JSON.stringify(msg?.components ?? []).includes("/app/sign-in?token=") ? msg : undefined;
      },
      20_000,
      "the ephemeral reply with the link",
    );
    expect(Number(reply.flags ?? 0) & 64).toBe(64);
    const button = (reply.components as Array<{ components: Array<{ style: number; label: string; url?: string }> }>)
      .flatMap((r) => r.components)
      .find((c) => c.style === 5);
    expect(button?.label).toBe("Open the gallery");
    const link = button?.url ?? "";

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${s.api.url}/app`);
      await expect.poll(() => page.locator("header").textContent()).toContain(`discord-${ann.id}`);
      expect(await page.locator("header").textContent()).toContain(`discord-${ACME}`);

      // A second browser, as someone the link was passed on to, gets nothing from it.
      const other = await browser.newContext();
      try {
        const again = await other.newPage();
        const opened = await again.goto(link);
        expect(opened?.status()).toBe(410);
        await expect.poll(() => again.getByRole("heading", { name: "Link already used" }).count()).toBe(1);
        expect(await again.locator("body").textContent()).not.toContain(`discord-${ann.id}`);
      } finally {
        await other.close();
      }
    } finally {
      await context.close();
    }
  }, 90_000);
});
