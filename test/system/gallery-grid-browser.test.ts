import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { transcriptExcerpt } from "../../shared/jobs/transcript-excerpt.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { readObject } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** The few DOM members the page functions read (this file runs in Node, without the DOM's types). */
type Img = { alt: string; getBoundingClientRect(): { width: number; height: number } };

/**
 * The gallery grid in a real headless Chromium at a desktop and a phone width: its orders, the
 * "All types" filter, tiles in each picture's own shape, and transcript tiles titled by their
 * file and first words. Pictures and the transcript come from the fakes through the real worker.
 */
describe.each([
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
])("the gallery grid on a %s", (width, viewport) => {
  const w = useWorkingApi({ publicUrl: true, processingMs: 300 });
  let browser: Browser;
  const jobs: Record<string, PublicJob> = {};

  async function signedIn(key: string): Promise<Page> {
    const { url } = dataOf<{ url: string }>(await trpcCall(w.api.app, key, "gallery.signInLink", undefined, "mutation"));
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    return page;
  }
  const alts = (page: Page) => page.locator("ul.grid > li.tile img").evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).alt));
  // A select inside its label is named by the label and its chosen option ("Sort Newest"): found by its field's name.
  const select = (page: Page, name: "sort" | "type") => page.locator(`form.filters select[name="${name}"]`);
  const apply = async (page: Page, name: "sort" | "type", option: string, url: RegExp) => {
    // On a phone the filters are a closed disclosure: a tap on its summary opens them.
    if (!(await select(page, name).isVisible())) await page.locator("details[data-filters] > summary").click();
    await select(page, name).selectOption({ label: option });
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(url);
  };

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    // One after another, so the orders are known: the wide picture first, then the tall one.
    jobs.wide = await w.settled(
      await w.create({ type: "image-generation", prompt: "a wide bay at dawn", imageSize: "landscape_16_9", seed: "3" }),
    );
    jobs.tall = await w.settled(await w.create({ type: "image-generation", prompt: "a tall pine", imageSize: "portrait_16_9", seed: "4" }));
    const wav = makeWav(6);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "harbour-call.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    jobs.call = await w.settled(await w.create({ type: "transcription", uploadKey: up.uploadKey }));
    // The wide picture is used once: an upscale made from it, the newest picture of all.
    jobs.upscale = await w.settled(
      await w.create({ type: "image-generation", operation: "upscale", source: { jobId: jobs.wide.jobId, image: 1 } }),
    );
    expect(Object.values(jobs).map((j) => j.status)).toEqual(["completed", "completed", "completed", "completed"]);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(`${width}: sorts oldest first and most used first, and the order keeps with a type filter`, async () => {
    const page = await signedIn(w.alice.key);
    expect(await alts(page)).toEqual(["a wide bay at dawn", "a tall pine", "a wide bay at dawn"]);
    const newest = await page.locator("ul.grid > li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-job-id")));
    expect(newest).toEqual([jobs.upscale?.jobId, jobs.call?.jobId, jobs.tall?.jobId, jobs.wide?.jobId]);

    await apply(page, "sort", "Oldest", /sort=oldest/);
    const oldest = await page.locator("ul.grid > li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-job-id")));
    expect(oldest).toEqual([...newest].reverse());

    await apply(page, "sort", "Most used", /sort=most-used/);
    const used = await page.locator("ul.grid > li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-job-id")));
    expect(used[0]).toBe(jobs.wide?.jobId);
    expect(used.slice(1)).toEqual([jobs.upscale?.jobId, jobs.call?.jobId, jobs.tall?.jobId]);

    // A type with an order: the order stays in the form and in the query.
    await apply(page, "type", "Images", /type=image-generation/);
    expect(page.url()).toContain("sort=most-used");
    await expect(select(page, "sort").inputValue()).resolves.toBe("most-used");
    const images = await page.locator("ul.grid > li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-job-id")));
    expect(images).toEqual([jobs.wide?.jobId, jobs.upscale?.jobId, jobs.tall?.jobId]);
    await page.context().close();
  });

  it(`${width}: "All types" is the default and shows pictures and transcripts together; a type narrows it`, async () => {
    const page = await signedIn(w.alice.key);
    await expect(select(page, "type").inputValue()).resolves.toBe("all");
    expect(await page.locator("ul.grid > li.tile-text").count()).toBe(1);
    expect(await page.locator("ul.grid > li.tile img").count()).toBe(3);
    await apply(page, "type", "Transcripts", /type=transcription/);
    expect(await page.locator("ul.grid > li").count()).toBe(1);
    expect(await page.locator("ul.grid > li.tile img").count()).toBe(0);
    await apply(page, "type", "All types", /type=all/);
    expect(await page.locator("ul.grid > li").count()).toBe(4);
    await page.context().close();
  });

  it(`${width}: each tile keeps its picture's shape (16:9 and 9:16, nothing cropped), set before the picture loads; nothing scrolls sideways`, async () => {
    const page = await signedIn(w.alice.key);
    const wide = page.locator(`li[data-job-id="${jobs.wide?.jobId}"] img`);
    const tall = page.locator(`li[data-job-id="${jobs.tall?.jobId}"] img`);
    // The width and height attributes carry the shape: the box is right before a byte arrives.
    expect([await wide.getAttribute("width"), await wide.getAttribute("height")]).toEqual(["1024", "576"]);
    expect([await tall.getAttribute("width"), await tall.getAttribute("height")]).toEqual(["576", "1024"]);
    await expect
      .poll(() => page.locator("ul.grid img").evaluateAll((imgs) => imgs.every((i) => (i as unknown as { complete: boolean }).complete)))
      .toBe(true);
    const ratio = async (img: typeof wide) => {
      const box = await img.evaluate((i) => {
        const r = (i as unknown as Img).getBoundingClientRect();
        return { width: r.width, height: r.height };
      });
      return box.width / box.height;
    };
    expect(await ratio(wide)).toBeCloseTo(16 / 9, 1);
    expect(await ratio(tall)).toBeCloseTo(9 / 16, 1);
    // The picture fills its box: neither cut (object-fit cover) nor letterboxed.
    const fit = await wide.evaluate(
      (i) => (globalThis as unknown as { getComputedStyle(e: unknown): { objectFit: string } }).getComputedStyle(i).objectFit,
    );
    expect(fit).not.toBe("cover");
    const a = await wide.evaluate((i) => {
      const r = (i as unknown as Img).getBoundingClientRect();
      const n = i as unknown as { naturalWidth: number; naturalHeight: number };
      return Math.abs(r.width / r.height - n.naturalWidth / n.naturalHeight);
    });
    expect(a).toBeLessThan(0.05);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(viewport.width);
    await page.context().close();
  });

  it(`${width}: a transcript's tile is titled by its file's name and the transcript's first words; one stored before has its word count`, async () => {
    const stored = await rawJobs(w.api.deps).findOne({ jobId: jobs.call?.jobId });
    const version = stored?.versions[0] as { excerpt?: string; s3Keys?: { text: string }; wordCount: number } | undefined;
    const text = (await readObject(w.api.deps.storage, version?.s3Keys?.text ?? "")).toString("utf8");
    expect(text.length).toBeGreaterThan(0);
    expect(version?.excerpt).toBe(transcriptExcerpt(text));

    const page = await signedIn(w.alice.key);
    const tile = page.locator(`li.tile-text[data-job-id="${jobs.call?.jobId}"]`);
    await expect(tile.locator(".title").textContent()).resolves.toBe("harbour-call.wav");
    await expect(tile.locator(".excerpt").textContent()).resolves.toBe(transcriptExcerpt(text));
    expect(transcriptExcerpt(text).split(" ")[0]).toBe(text.trim().split(/\s+/)[0]);
    await expect(tile.getByRole("checkbox").getAttribute("aria-label")).resolves.toBe("Select harbour-call.wav");

    // A transcript completed before excerpts were stored: its file's name and its word count.
    await rawJobs(w.api.deps).updateOne({ jobId: jobs.call?.jobId }, { $unset: { "versions.0.excerpt": "" } });
    try {
      await page.reload();
      await expect(tile.locator(".title").textContent()).resolves.toBe("harbour-call.wav");
      await expect(tile.locator(".excerpt").textContent()).resolves.toBe(`${version?.wordCount} words`);
    } finally {
      await rawJobs(w.api.deps).updateOne({ jobId: jobs.call?.jobId }, { $set: { "versions.0.excerpt": version?.excerpt } });
    }
    await page.context().close();
  });
});
