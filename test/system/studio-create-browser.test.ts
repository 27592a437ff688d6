import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { readSize } from "../../shared/jobs/typed-choices.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { picturesShown } from "../helpers/pictures-shown.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** The few DOM members the page functions read (this file runs in Node, without the DOM's types). */
type Dialog = { open: boolean };

/** Where the README's screenshots come from: written by the browser tests, from the real pages. */
const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots");
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * The gallery's create bar in Debian's Chromium against the whole API, its worker and the fal
 * emulator, at 1280 px and at 390 px: a generation typed in the bar appears in the grid at once
 * and fills in live; a size the API refuses is shown beside the field and nothing is queued;
 * Remix and Use as reference fill the bar from a picture; all of it by keyboard too.
 */
describe("the gallery's create bar, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true, processingMs: 1_500 });
  let browser: Browser;
  let fox: PublicJob;
  /** Errors the page's script threw: none, checked after each test. */
  const errors: string[] = [];

  async function signedIn(viewport: { width: number; height: number }, key = w.alice.key): Promise<Page> {
    // A fixed language and zone, as the other browser tests have: the screenshots' dates agree (en-GB, UTC).
    const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId: "UTC" });
    const page = await context.newPage();
    page.on("pageerror", (err) => errors.push(err.message));
    const link = dataOf<{ url: string }>(await trpcCall(w.api.app, key, "gallery.signInLink", undefined, "mutation")).url;
    await page.goto(link);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    return page;
  }

  const jobsOfAlice = async () =>
    dataOf<{ items: PublicJob[] }>(await trpcCall(w.api.app, w.alice.key, "jobs.list", { limit: 100 }, "query")).items;

  const tileIds = (page: Page) =>
    page.locator("ul.grid > li").evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { jobId: string } }).dataset.jobId));
  /** The job id of the tile the bar put at the top of the grid: one that was not there before. */
  async function newTile(page: Page, before: string[]): Promise<string> {
    const first = page.locator("ul.grid > li").first();
    await expect.poll(async () => before.includes((await first.getAttribute("data-job-id")) ?? "")).toBe(false);
    return (await first.getAttribute("data-job-id")) ?? "";
  }

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    fox = await w.settled(await w.create({ type: "image-generation", prompt: "a red fox in snow", imageSize: "square", seed: "12" }));
    expect(fox.status).toBe("completed");
  }, 120_000);

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`at ${viewport.width} px: a prompt, a ratio and a count make a job whose tile appears at once and fills in live with its pictures`, {
      timeout: 120_000,
    }, async () => {
      const page = await signedIn(viewport);
      const before = await tileIds(page);
      const prompt = `a harbour at dawn, ${viewport.width}`;
      await page.getByLabel("Prompt", { exact: true }).fill(prompt);
      // On a phone the options are closed, so the grid starts on the first screen: one tap opens them.
      const size = page.getByLabel("Size", { exact: true });
      expect(await size.isVisible()).toBe(viewport === DESKTOP);
      if (viewport === PHONE) await page.getByText("Options and references", { exact: true }).click();
      await page.getByLabel("Size", { exact: true }).fill("16:9");
      await page.getByLabel("Count", { exact: true }).fill("2");
      await page.getByLabel("Seed", { exact: true }).fill("77");
      await page.getByRole("button", { name: "Create", exact: true }).click();

      // The job's tile is there before the job is done: a text tile that says it waits or runs.
      const jobId = await newTile(page, before);
      const first = page.locator("ul.grid > li").first();
      expect(await first.locator(".status").textContent()).toMatch(/^(queued|running)$/);
      // …and its two pictures replace it when the job completes, without a reload.
      const tiles = page.locator(`ul.grid > li[data-job-id="${jobId}"]`);
      await expect.poll(() => tiles.locator("img").count(), { timeout: 60_000 }).toBe(2);
      expect(await picturesShown(tiles)).toBe(2);
      expect(await tiles.locator("img").first().getAttribute("alt")).toBe(`${prompt} (1 of 2)`);
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(viewport.width);

      const job = await w.settled(jobId);
      expect(job).toMatchObject({ status: "completed", input: { prompt, count: 2, seed: "77", ...readSize("16:9") } });
      expect(job.versions.at(-1)).toMatchObject({ images: [{ width: 1344, height: 768 }, {}] });
    });
  }

  it("shows the API's refusals beside their fields (a size that is not a multiple of 8, a count over 4) and queues nothing", async () => {
    const page = await signedIn(DESKTOP);
    const before = (await jobsOfAlice()).length;
    await page.getByLabel("Prompt", { exact: true }).fill("a lighthouse");
    await page.getByLabel("Size", { exact: true }).fill("1000x1001");
    await page.getByLabel("Count", { exact: true }).fill("9");
    // Sent from the keyboard: Ctrl+Enter in the prompt.
    await page.getByLabel("Prompt", { exact: true }).press("Control+Enter");

    const sizeError = page.locator("#create-size-error");
    await expect.poll(() => sizeError.textContent()).toBe("must be a multiple of 8");
    expect(await page.locator("#create-count-error").textContent()).toBe("must be at most 4");
    expect(await page.getByLabel("Size", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    // The API's own answer to the same input names the same messages.
    const api = await trpcCall(
      w.api.app,
      w.alice.key,
      "jobs.create",
      { type: "image-generation", prompt: "a lighthouse", width: 1000, height: 1001, count: 9 },
      "mutation",
    );
    expect(api.status).toBe(400);
    expect(api.body.error?.message).toContain("height: must be a multiple of 8");
    expect(api.body.error?.message).toContain("count: must be at most 4");
    // The first refused field has the focus, for a keyboard user.
    expect(await page.evaluate("document.activeElement?.id")).toBe("create-size");

    // A size the bar cannot read at all is refused before any call, in the bots' and the CLI's words.
    await page.getByLabel("Size", { exact: true }).fill("huge");
    await page.getByLabel("Count", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await expect.poll(() => sizeError.textContent()).toMatch(/square_hd/);
    expect(await page.locator("#create-count-error").textContent()).toBe("");
    expect((await jobsOfAlice()).length).toBe(before);
    expect(await page.locator("ul.grid > li .status").count()).toBe(0);
  });

  it("Remix on a job's page fills the bar with its prompt, size and seed; the lightbox's Remix and Use as reference do the same in place", async () => {
    const page = await signedIn(DESKTOP);
    await page.goto(`${w.api.url}/app/jobs/${fox.jobId}`);
    await page.getByRole("link", { name: "Remix" }).click();
    await page.waitForURL(`${w.api.url}/app?remix=${fox.jobId}`);
    await expect.poll(() => page.getByLabel("Prompt", { exact: true }).inputValue()).toBe("a red fox in snow");
    expect(await page.getByLabel("Size", { exact: true }).inputValue()).toBe("square");
    expect(await page.getByLabel("Seed", { exact: true }).inputValue()).toBe("12");
    expect(await page.evaluate("document.activeElement?.id")).toBe("create-prompt");

    // A picture's "Use as reference" on the job page adds it to the bar's references.
    await page.goto(`${w.api.url}/app/jobs/${fox.jobId}`);
    await page.getByRole("link", { name: "Use as reference" }).click();
    await page.waitForURL(`${w.api.url}/app?reference=${fox.jobId}:1`);
    await expect.poll(() => page.locator("[data-references] > li img").getAttribute("alt")).toBe(`picture 1 of ${fox.jobId}`);

    // The lightbox's Remix fills the bar in place.
    await page.goto(`${w.api.url}/app`);
    const dialog = page.locator("dialog.lightbox");
    const foxTile = page.getByRole("img", { name: "a red fox in snow" }).first();
    await foxTile.click();
    await dialog.getByRole("link", { name: "Remix" }).click();
    await expect.poll(() => page.getByLabel("Prompt", { exact: true }).inputValue()).toBe("a red fox in snow");
    expect(await page.getByLabel("Seed", { exact: true }).inputValue()).toBe("12");
    expect(page.url()).toBe(`${w.api.url}/app`);

    // From the lightbox, by keyboard: open the fox, use it as a reference, and generate with it.
    await page.getByLabel("Prompt", { exact: true }).fill("");
    await foxTile.click();
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as Dialog).open)).toBe(true);
    await dialog.getByRole("button", { name: "Use as reference" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as Dialog).open)).toBe(false);
    await expect.poll(() => page.evaluate("document.activeElement?.id")).toBe("create-prompt");
    const refs = page.locator("[data-references] > li");
    expect(await refs.count()).toBe(1);
    await refs.getByLabel(/^Role of/).selectOption("subject");
    await page.keyboard.type("the same fox in a summer meadow");
    await page.getByLabel("Size", { exact: true }).fill("16:9");
    const before = await tileIds(page);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const job = await w.settled(await newTile(page, before));
    expect(job).toMatchObject({
      status: "completed",
      input: { aspectRatio: "16:9", references: [{ source: { jobId: fox.jobId, image: 1 }, role: "subject" }] },
    });
  });

  it("takes a reference picture pasted into the page: uploaded through the gallery, then sent by its uploadKey", async () => {
    const page = await signedIn(PHONE);
    const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer();
    await page.getByLabel("Prompt", { exact: true }).fill("a blue poster");
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob("${png.toString("base64")}"), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "blue poster.png", { type: "image/png" }));
      document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true }));
    })()`);
    const refs = page.locator("[data-references] > li");
    await expect.poll(() => refs.textContent()).toContain("blue poster.png");
    const before = await tileIds(page);
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const job = await w.settled(await newTile(page, before));
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const [ref] = job.input.references as Array<{ uploadKey: string; role: string }>;
    expect(ref?.uploadKey).toMatch(/^temp\/[^/]+\/alice\/[^/]+\/blue_poster\.png$/);
    expect(ref?.role).toBe("style");
  });

  it("ten new jobs at once, more than the page follows by stream (3: a browser's 6 connections over HTTP/1.1) and the API allows (8): every tile fills in, the bar keeps working", async () => {
    const page = await signedIn(DESKTOP);
    const held = w.fal.processingMs;
    w.fal.processingMs = 10 * 60_000;
    const made: string[] = [];
    try {
      for (let i = 1; i <= 10; i++) {
        const before = await tileIds(page);
        await page.getByLabel("Prompt", { exact: true }).fill(`a burst of sparks, ${i}`);
        await page.getByRole("button", { name: "Create", exact: true }).click();
        made.push(
          await newTile(page, before).catch(async (err: Error) => {
            throw new Error(
              `${err.message}; job ${i}: the bar says ${await page.locator("form[data-create-bar] [data-form-error]").textContent()}`,
            );
          }),
        );
      }
    } finally {
      w.fal.processingMs = held;
    }
    for (const jobId of made) {
      await expect.poll(() => page.locator(`ul.grid > li[data-job-id="${jobId}"] img`).count(), { timeout: 90_000 }).toBe(1);
    }
  }, 180_000);

  it("the queue view lists the member's and the team's running and waiting jobs, live, and cancels one of the member's own (1280 and 390 px)", async () => {
    const bob = await w.api.member("acme", "bob");
    // The emulator holds every request until the test is done with them.
    const held = w.fal.processingMs;
    w.fal.processingMs = 10 * 60_000;
    try {
      const page = await signedIn(DESKTOP);
      await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Queue" }).click();
      await page.waitForURL(`${w.api.url}/app/queue`);
      expect(await page.locator("[data-queue] li").count()).toBe(0);

      const mine = await w.create({ type: "image-generation", prompt: "a slow sunrise", seed: "5" });
      const theirs = dataOf<{ jobId: string }>(
        await trpcCall(w.api.app, bob.key, "jobs.create", { type: "image-generation", prompt: "bob's slow storm" }, "mutation"),
      ).jobId;
      // Without a reload: the page fetches its lists again by itself.
      const yours = page.getByRole("region", { name: "Yours" });
      const team = page.getByRole("region", { name: "Your team's" });
      const myRow = yours.locator(`li[data-job-id="${mine}"]`);
      await expect.poll(() => myRow.getAttribute("data-status"), { timeout: 30_000 }).toBe("running");
      await expect.poll(() => myRow.locator("progress").count()).toBe(1);
      await expect
        .poll(() => team.locator(`li[data-job-id="${theirs}"] .status`).textContent(), { timeout: 30_000 })
        .toMatch(/^(running|waiting · #1 in line)$/);
      expect(await team.locator(`li[data-job-id="${theirs}"]`).textContent()).toContain("bob");
      // Only a job's owner may cancel it, so bob's row has no button.
      expect(await team.getByRole("button").count()).toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, "queue.png"), fullPage: true });

      await page.setViewportSize(PHONE);
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
      // By keyboard: the row's Cancel, and the row leaves the list.
      await yours.getByRole("button", { name: "Cancel a slow sunrise" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => myRow.count()).toBe(0);
      expect((await w.settled(mine)).status).toBe("canceled");
      expect(await team.locator(`li[data-job-id="${theirs}"]`).count()).toBe(1);

      // Without the script, the same button is a form that cancels and comes back to the view: bob, in a browser without it.
      const plain = await (await browser.newContext({ viewport: PHONE, javaScriptEnabled: false })).newPage();
      const link = dataOf<{ url: string }>(await trpcCall(w.api.app, bob.key, "gallery.signInLink", undefined, "mutation")).url;
      await plain.goto(link);
      await plain.getByRole("button", { name: "Continue" }).click();
      await plain.goto(`${w.api.url}/app/queue`);
      await plain.getByRole("region", { name: "Yours" }).getByRole("button", { name: "Cancel bob's slow storm" }).click();
      await plain.waitForURL(`${w.api.url}/app/queue`);
      expect(await plain.locator(`li[data-job-id="${theirs}"]`).count()).toBe(0);
      expect((await w.settled(theirs)).status).toBe("canceled");
    } finally {
      w.fal.processingMs = held;
    }
  });
});
