import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { listingText } from "../../shared/chat/locale/listings.js";
import { pictureToolsText } from "../../shared/chat/locale/picture-tools.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * The gallery in English, German and French in Debian's Chromium against the whole API, its
 * worker and the fal emulator, at 1280 and 390 px: the browser's language (Accept-Language) picks
 * it, the header's switch changes it for the next pages and after a reload, and a language the
 * gallery does not speak reads English.
 */
describe("the gallery's languages, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true });
  let browser: Browser;
  let fox: PublicJob;

  async function signIn(opts: { width: number; locale: string; timezoneId?: string; continueButton: string }): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: opts.width, height: 900 },
      locale: opts.locale,
      timezoneId: opts.timezoneId ?? "UTC",
    });
    const page = await context.newPage();
    const link = dataOf<{ url: string }>(await trpcCall(w.api.app, w.alice.key, "gallery.signInLink", undefined, "mutation")).url;
    await page.goto(link);
    await page.getByRole("button", { name: opts.continueButton, exact: true }).click();
    await page.waitForURL(`${w.api.url}/app`);
    return page;
  }

  const lang = (page: Page) => page.locator("html").getAttribute("lang");
  const nav = (page: Page) => page.locator("nav.sections a").allTextContents();
  const dateIn = (locale: string, iso: string, timeZone: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    fox = await w.settled(
      await w.create({ type: "image-generation", prompt: "a red fox in snow", imageSize: "landscape_4_3", seed: "12" }),
    );
    expect(fox.status, JSON.stringify(fox.error)).toBe("completed");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [1280, 390]) {
    it(`at ${width} px: a German browser gets German pages; the switch to French holds on the next page and after a reload`, async () => {
      const page = await signIn({ width, locale: "de-AT", timezoneId: "Europe/Vienna", continueButton: "Weiter" });
      const gallery = await page.reload();
      expect(await lang(page)).toBe("de");
      // A cache must keep the languages apart: the page says what it depends on.
      expect(gallery?.headers().vary).toMatch(/Accept-Language, Cookie/);
      expect(await nav(page)).toEqual(["Galerie", "Warteschlange", "Favoriten", "Boards", "LoRAs", "Verbrauch"]);
      expect(await page.locator("form[data-create-bar] button[data-create-submit]").textContent()).toBe("Erstellen");
      expect(await page.getByLabel("Prompt", { exact: true }).getAttribute("placeholder")).toBe("ein Leuchtturm im Nebel, goldene Stunde");
      expect(await page.getByRole("button", { name: "Abmelden" }).count()).toBe(1);
      // The page script's words too: the selection bar's count.
      await page.locator('input.pick[form="selection"]').first().check();
      await expect.poll(() => page.locator("form#selection output.count").textContent()).toBe("1 ausgewählt");

      await page.goto(`${w.api.url}/app/jobs/${fox.jobId}`);
      expect(await page.locator(".status-panel .status").textContent()).toBe(listingText.de.statuses.completed);
      const facts = page.locator(".facts");
      expect(await facts.textContent()).toContain("Erstellt");
      expect(await facts.textContent()).toContain("Querformat 4:3");
      // The date in Vienna, in the browser's German (de-AT), with how long ago.
      await expect.poll(() => facts.locator("time").first().textContent()).toContain(dateIn("de-AT", fox.createdAt, "Europe/Vienna"));
      expect(await facts.locator("time").first().textContent()).toMatch(/vor \d+ (Sekunden|Minuten?)|jetzt/);

      const picker = page.getByLabel("Sprache", { exact: true });
      const box = await picker.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= width).toBe(true);
      await Promise.all([page.waitForURL(`${w.api.url}/app/jobs/${fox.jobId}`, { waitUntil: "load" }), picker.selectOption("fr")]);
      await expect.poll(() => lang(page)).toBe("fr");
      expect(await page.locator("h1").textContent()).toBe("a red fox in snow");
      expect(await page.locator(".status-panel .status").textContent()).toBe(listingText.fr.statuses.completed);
      expect(await facts.textContent()).toContain("Créée");
      await expect.poll(() => facts.locator("time").first().textContent()).toContain(dateIn("fr", fox.createdAt, "Europe/Vienna"));
      // A picture tool by the chat's French name for it.
      expect(await page.getByRole("button", { name: pictureToolsText.fr.buttons.zoomOut2 }).count()).toBeGreaterThan(0);

      await page.getByRole("link", { name: "File d'attente" }).click();
      await page.waitForURL(`${w.api.url}/app/queue`);
      expect(await lang(page)).toBe("fr");
      expect(await page.locator("h1").textContent()).toBe("File d'attente");
      await page.reload();
      expect(await lang(page)).toBe("fr");
      expect(await nav(page)).toEqual(["Galerie", "File d'attente", "Favoris", "Tableaux", "LoRA", "Consommation"]);
      await page.context().close();
    });
  }

  it("a language the gallery does not speak reads English, the switch included", async () => {
    const page = await signIn({ width: 1280, locale: "es-ES", continueButton: "Continue" });
    expect(await lang(page)).toBe("en");
    expect(await nav(page)).toEqual(["Gallery", "Queue", "Favourites", "Boards", "LoRAs", "Usage"]);
    expect(await page.getByLabel("Language", { exact: true }).inputValue()).toBe("en");
    await page.context().close();
  });
});
