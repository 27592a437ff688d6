import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { type GalleryViewer, signedInGallery } from "../helpers/gallery-browser.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** Where the README's screenshots come from: written by the browser tests, from the real pages. */
const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots");

type Point = [number, number];

/**
 * The gallery's lightbox in Debian's Chromium against the whole API, its worker and the fal
 * emulator, at 1280 and 390 px: previous and next by button, key and swipe, the actions in view,
 * the date where the viewer is and in their language, copy prompt, remix, and zoom to full
 * resolution and pan.
 */
describe("the gallery's lightbox, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true });
  let browser: Browser;
  let harbour: PublicJob;
  let boat: PublicJob;

  const signedIn = (viewer?: GalleryViewer) => signedInGallery(browser, w, viewer);

  const dialog = (page: Page) => page.locator("dialog.lightbox");
  const isOpen = (page: Page) => dialog(page).evaluate((d) => (d as unknown as { open: boolean }).open);
  const shownAlt = (page: Page) => dialog(page).locator(".stage img").getAttribute("alt");
  /** Whether an element is wholly inside the viewport: seen without scrolling. */
  async function inView(page: Page, name: string) {
    const box = await dialog(page).getByRole("link", { name, exact: true }).boundingBox();
    const size = page.viewportSize();
    return box !== null && size !== null && box.y >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
  }

  /** A finger's drag across the page, at 60 events a second, held still before it lifts (as the editors' touch test does). */
  async function swiper(page: Page) {
    const cdp = await page.context().newCDPSession(page);
    let at = Date.now() / 1000;
    const touch = (type: string, p?: Point, later = 1 / 60) => {
      at += later;
      return cdp.send("Input.dispatchTouchEvent", { type, timestamp: at, touchPoints: p ? [{ x: p[0], y: p[1] }] : [] } as never);
    };
    return async (from: Point, to: Point) => {
      await touch("touchStart", from);
      for (let k = 1; k <= 10; k++)
        await touch("touchMove", [from[0] + ((to[0] - from[0]) * k) / 10, from[1] + ((to[1] - from[1]) * k) / 10]);
      await touch("touchMove", to, 0.2);
      await touch("touchEnd", undefined, 0.05);
    };
  }

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    await mkdir(SCREENSHOTS, { recursive: true });
    // The grid shows them newest first: the fox, the harbour, the boat.
    boat = await w.settled(await w.create({ type: "image-generation", prompt: "a paper boat on a pond", imageSize: "square", seed: "3" }));
    harbour = await w.settled(
      await w.create({ type: "image-generation", prompt: "a quiet harbour at dawn", imageSize: "square_hd", seed: "7" }),
    );
    const fox = await w.settled(
      await w.create({ type: "image-generation", prompt: "a red fox in snow", imageSize: "landscape_4_3", seed: "12" }),
    );
    for (const job of [boat, harbour, fox]) expect(job.status, JSON.stringify(job.error)).toBe("completed");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("at 1280×900: previous and next by button and by key, the actions in view, the date in the viewer's zone and language, copy prompt and remix", async () => {
    // A German browser gets the gallery in German (Accept-Language), its dates in German too.
    const page = await signedIn({ width: 1280, height: 900, locale: "de-DE", timezoneId: "Europe/Berlin" });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: w.api.url });
    await page.getByRole("img", { name: "a red fox in snow" }).click();
    await expect.poll(() => isOpen(page)).toBe(true);
    expect(await shownAlt(page)).toBe("a red fox in snow");
    // The first picture has no previous one.
    expect(await dialog(page).getByRole("button", { name: "Vorheriges Bild" }).isDisabled()).toBe(true);
    await dialog(page).getByRole("button", { name: "Nächstes Bild" }).click();
    await expect.poll(() => shownAlt(page)).toBe("a quiet harbour at dawn");
    await dialog(page).getByRole("button", { name: "Nächstes Bild" }).click();
    await expect.poll(() => shownAlt(page)).toBe("a paper boat on a pond");
    expect(await dialog(page).getByRole("button", { name: "Nächstes Bild" }).isDisabled()).toBe(true);
    await dialog(page).getByRole("button", { name: "Vorheriges Bild" }).click();
    await expect.poll(() => shownAlt(page)).toBe("a quiet harbour at dawn");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => shownAlt(page)).toBe("a red fox in snow");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => shownAlt(page)).toBe("a quiet harbour at dawn");

    for (const name of ["Auftrag öffnen", "Herunterladen", "Remixen"]) expect(await inView(page, name), name).toBe(true);
    expect(await dialog(page).getByRole("link", { name: "Remixen" }).getAttribute("href")).toBe(`/app?remix=${harbour.jobId}`);
    expect(await dialog(page).getByRole("link", { name: "Auftrag öffnen" }).getAttribute("href")).toBe(`/app/jobs/${harbour.jobId}`);
    const facts = (await dialog(page).locator("dl").textContent()) ?? "";
    // The date and time in Berlin, in German, as the browser's own Intl says it; not the stored ISO instant.
    const berlin = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Berlin" }).format(
      new Date(harbour.createdAt),
    );
    expect(facts).toContain(berlin);
    expect(facts).toMatch(/vor \d+ (Sekunden|Minuten?)|jetzt/);
    expect(facts).not.toContain(harbour.createdAt);
    expect(facts).toContain("FLUX1.1 [pro]");
    expect(facts).not.toContain("fal-ai/");

    await dialog(page).getByRole("button", { name: "Prompt kopieren" }).click();
    await expect.poll(() => dialog(page).getByRole("status").textContent()).toBe("Prompt kopiert.");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe("a quiet harbour at dawn");
    await page.keyboard.press("Escape");
    await expect.poll(() => isOpen(page)).toBe(false);
  });

  it("zooms a picture to its full resolution and back, by its button, a click and the wheel, and pans it by dragging", async () => {
    const page = await signedIn();
    await page.getByRole("img", { name: "a quiet harbour at dawn" }).click();
    await expect.poll(() => isOpen(page)).toBe(true);
    const img = dialog(page).locator(".stage img");
    const stage = dialog(page).locator(".stage");
    await expect.poll(() => img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth)).toBe(1024);
    // Fitted: the 1024 px picture is shown smaller than itself, wholly inside the stage.
    await expect.poll(async () => (await img.boundingBox())?.height ?? 0).toBeLessThan(1024);
    const stageBox = await stage.boundingBox();
    const fitted = await img.boundingBox();
    expect(fitted && stageBox && fitted.height <= stageBox.height + 1).toBe(true);

    await dialog(page).getByRole("button", { name: "Full size" }).click();
    expect(await stage.getAttribute("data-scale")).toBe("1");
    expect(Math.round((await img.boundingBox())?.width ?? 0)).toBe(1024);
    expect(await dialog(page).getByRole("button", { name: "Fit" }).getAttribute("aria-pressed")).toBe("true");
    // A drag pans the picture: its place on screen follows the pointer.
    const before = (await img.boundingBox()) ?? { x: 0, y: 0 };
    const mid: Point = [(stageBox?.x ?? 0) + (stageBox?.width ?? 0) / 2, (stageBox?.y ?? 0) + (stageBox?.height ?? 0) / 2];
    await page.mouse.move(...mid);
    await page.mouse.down();
    await page.mouse.move(mid[0] + 40, mid[1] + 30, { steps: 5 });
    await page.mouse.up();
    const after = (await img.boundingBox()) ?? { x: 0, y: 0 };
    expect(Math.round(after.y - before.y)).toBe(30);
    // A click toggles back to fitted, and another click to full size at the point clicked.
    await page.mouse.click(...mid);
    expect(Number(await stage.getAttribute("data-scale"))).toBeLessThan(1);
    await page.mouse.click(...mid);
    expect(await stage.getAttribute("data-scale")).toBe("1");
    await page.mouse.click(...mid);
    // The wheel zooms in around the pointer.
    const fittedScale = Number(await stage.getAttribute("data-scale"));
    await page.mouse.move(...mid);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => Number(await stage.getAttribute("data-scale"))).toBeGreaterThan(fittedScale);
  });

  it("at 390 px by touch: a swipe left shows the next picture and a swipe right the previous; the actions show without scrolling", async () => {
    const page = await signedIn({ width: 390, height: 844, touch: true });
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.getByRole("img", { name: "a red fox in snow" }).tap();
    await expect.poll(() => isOpen(page)).toBe(true);
    for (const name of ["Open job", "Download", "Remix"]) expect(await inView(page, name), name).toBe(true);
    const box = await dialog(page).locator(".stage").boundingBox();
    if (!box) throw new Error("the lightbox's stage is not shown");
    const swipe = await swiper(page);
    const y = box.y + box.height / 2;
    await swipe([box.x + box.width * 0.8, y], [box.x + box.width * 0.2, y]);
    await expect.poll(() => shownAlt(page)).toBe("a quiet harbour at dawn");
    await swipe([box.x + box.width * 0.8, y], [box.x + box.width * 0.2, y]);
    await expect.poll(() => shownAlt(page)).toBe("a paper boat on a pond");
    await swipe([box.x + box.width * 0.2, y], [box.x + box.width * 0.8, y]);
    await expect.poll(() => shownAlt(page)).toBe("a quiet harbour at dawn");
    // The buttons work by touch too.
    await dialog(page).getByRole("button", { name: "Previous picture" }).tap();
    await expect.poll(() => shownAlt(page)).toBe("a red fox in snow");
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(SCREENSHOTS, "lightbox-phone.png") });
  });

  it("on a board's page too, at 1280 px by its buttons and keys and at 390 px by swipe: the grid's pictures in the board's order", async () => {
    const boardId = dataOf<{ boardId: string }>(
      await trpcCall(w.api.app, w.alice.key, "boards.create", { name: "Water" }, "mutation"),
    ).boardId;
    const pictures = [boat, harbour].map((j) => ({ jobId: j.jobId, picture: 1 }));
    expect((await trpcCall(w.api.app, w.alice.key, "boards.add", { boardId, pictures }, "mutation")).status).toBe(200);
    for (const viewer of [
      { width: 1280, height: 900 },
      { width: 390, height: 844, touch: true },
    ]) {
      const page = await signedIn(viewer);
      await page.goto(`${w.api.url}/app/boards/${boardId}`);
      const order = await page.locator("ul.grid img").evaluateAll((imgs) => imgs.map((i) => i.getAttribute("alt")));
      expect([...order].sort()).toEqual(["a paper boat on a pond", "a quiet harbour at dawn"]);
      const first = page.getByRole("img", { name: order[0] ?? "" });
      await (viewer.touch ? first.tap() : first.click());
      await expect.poll(() => isOpen(page)).toBe(true);
      expect(await shownAlt(page)).toBe(order[0]);
      expect(await dialog(page).getByRole("button", { name: "Previous picture" }).isDisabled()).toBe(true);
      if (viewer.touch) {
        const box = await dialog(page).locator(".stage").boundingBox();
        if (!box) throw new Error("the lightbox's stage is not shown");
        const y = box.y + box.height / 2;
        await (await swiper(page))([box.x + box.width * 0.8, y], [box.x + box.width * 0.2, y]);
        await expect.poll(() => shownAlt(page)).toBe(order[1]);
        await dialog(page).getByRole("button", { name: "Previous picture" }).tap();
        await expect.poll(() => shownAlt(page)).toBe(order[0]);
      } else {
        await dialog(page).getByRole("button", { name: "Next picture" }).click();
        await expect.poll(() => shownAlt(page)).toBe(order[1]);
        expect(await dialog(page).getByRole("button", { name: "Next picture" }).isDisabled()).toBe(true);
        await page.keyboard.press("ArrowLeft");
        await expect.poll(() => shownAlt(page)).toBe(order[0]);
        for (const name of ["Open job", "Download", "Remix"]) expect(await inView(page, name), name).toBe(true);
        // The README's lightbox, in English: the gallery's own language unless a page is meant to show another.
        await page.screenshot({ path: path.join(SCREENSHOTS, "lightbox.png") });
      }
      await page.keyboard.press("Escape");
      await expect.poll(() => isOpen(page)).toBe(false);
      await page.context().close();
    }
  });
});
