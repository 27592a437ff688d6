import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { readObject } from "../../shared/storage/objects.js";
import { axeViolations, describeViolations } from "../helpers/axe.js";
import { type GalleryViewer, signedInGallery } from "../helpers/gallery-browser.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { completedTranscriptJob } from "../helpers/stored-jobs.js";
import { GALLERY_PAGE_JOBS } from "../../server/web/routes.js";

const wide: GalleryViewer = { width: 1280, height: 900 };
const phone: GalleryViewer = { width: 390, height: 844, touch: true };

/**
 * In the page: waits until the `<video>` at `selector` has moved past 0 (a `timeupdate`), after
 * playing it muted when `play`; resolves with its time and where it loaded from, or rejects with
 * the media error.
 */
const advances = (page: Page, selector: string, play: boolean) =>
  page.evaluate(`new Promise((resolve, reject) => {
    const video = document.querySelector(${JSON.stringify(selector)});
    if (!video) return reject(new Error("no ${selector.replace(/"/g, "")}"));
    const moved = () => {
      if (video.currentTime <= 0) return;
      video.removeEventListener("timeupdate", moved);
      resolve({ currentTime: video.currentTime, src: video.currentSrc, muted: video.muted, loop: video.loop });
    };
    video.addEventListener("timeupdate", moved);
    video.addEventListener("error", () => reject(new Error("media error " + video.error?.code + ": " + video.error?.message)));
    if (${play}) {
      video.muted = true;
      video.play().catch(reject);
    }
  })`) as Promise<{ currentTime: number; src: string; muted: boolean; loop: boolean }>;

/**
 * Clips in the gallery, in Debian's Chromium against the whole API, its worker and the fal
 * emulator (a real MP4 made by ffmpeg): Animate from a picture's page lands on the clip's page,
 * whose player really plays, on a wide screen and a phone; the grid's Videos filter shows the
 * poster and plays the preview on hover.
 */
describe("clips in the gallery, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true });
  let browser: Browser;
  let picture: PublicJob;
  const clips: string[] = [];

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    picture = await w.settled(await w.create({ type: "image-generation", prompt: "a lighthouse in fog", imageSize: "square", seed: "7" }));
    expect(picture.status, JSON.stringify(picture.error)).toBe("completed");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const [viewer, motion, model] of [
    [wide, "low", undefined],
    [phone, "high", { id: "hailuo-02", name: "MiniMax Hailuo 02 (standard)", seconds: 6 }],
  ] as const) {
    it(`Animate (${motion} motion) at ${viewer.width} px on ${model?.name ?? "the default model"}: the clip's page plays it, with its poster, duration, model and downloads`, async () => {
      const page = await signedInGallery(browser, w, viewer);
      await page.goto(`${w.api.url}/app/jobs/${picture.jobId}`);
      // The models that animate a picture, by their names, the default first.
      const models = page.getByRole("combobox", { name: "Video model" });
      expect(await models.locator("option").allTextContents()).toEqual([
        "Kling 2.1 (standard)",
        "Kling 2.5 Turbo Pro",
        "MiniMax Hailuo 02 (standard)",
      ]);
      if (model) await models.selectOption({ label: model.name });
      await page
        .getByRole("button", { name: new RegExp(`^Animate \\(${motion} motion\\)`) })
        .first()
        .click();
      await page.waitForURL((url) => /^\/app\/jobs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(picture.jobId));
      const jobId = new URL(page.url()).pathname.split("/").pop() ?? "";
      const job = await w.settled(jobId, 120_000);
      expect(job.status, JSON.stringify(job.error)).toBe("completed");
      expect(job.type).toBe("video-generation");
      expect(job.input).toMatchObject({ operation: "animate", motion, source: { jobId: picture.jobId, image: 1 } });
      // The model chosen, or the first offered: the default, sent as such.
      expect(job.input.model).toBe(model?.id ?? "kling-2.1");
      expect(job.parent).toMatchObject({ jobId: picture.jobId });
      clips.push(jobId);

      await page.reload();
      const player = page.locator("video[data-clip]");
      expect(await player.getAttribute("controls")).not.toBeNull();
      expect(await player.getAttribute("poster")).toBe(`/app/videos/${jobId}/poster`);
      const played = await advances(page, "video[data-clip]", true);
      expect(played.currentTime).toBeGreaterThan(0);
      // Through the gallery's link, a redirect to the bucket: the CSP's media-src lets the player follow it.
      expect(new URL(played.src).pathname).toBe(`/app/videos/${jobId}/clip`);
      const facts = (await page.locator(".facts").textContent()) ?? "";
      expect(facts).not.toContain("fal-ai/");
      expect(facts).toContain(model?.name ?? "Kling 2.1 (standard)");
      const caption = (await page.locator(".clip figcaption").textContent()) ?? "";
      expect(caption).toMatch(new RegExp(`Duration: ${model?.seconds ?? 5} s`));
      const download = page.getByRole("link", { name: /^Download the clip \(MP4, \d+×\d+\)$/ });
      // The downloads are the job's own links: the MP4 itself and the WebP poster.
      const bytesOf = async (href: string | null) => Buffer.from(await (await fetch(new URL(href ?? "", w.api.url))).arrayBuffer());
      expect((await bytesOf(await download.getAttribute("href"))).subarray(4, 8).toString("latin1")).toBe("ftyp");
      const posterFile = await bytesOf(await page.getByRole("link", { name: "Download the poster" }).getAttribute("href"));
      expect(posterFile.subarray(8, 12).toString("latin1")).toBe("WEBP");
      // The player fits the screen.
      const box = await player.boundingBox();
      expect(box?.width ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(viewer.width);

      const violations = await axeViolations(page);
      expect(violations.length, describeViolations(violations)).toBe(0);
      await page.context().close();
    }, 240_000);
  }

  it("the grid's Videos filter shows each clip's poster, not the picture, and a hovered tile plays its preview", async () => {
    expect(clips.length).toBeGreaterThan(0);
    const page = await signedInGallery(browser, w, wide);
    await page.goto(`${w.api.url}/app?type=video-generation`);
    expect(await page.locator("select[name=type] option:checked").textContent()).toBe("Videos");
    expect(await page.evaluate(`[...document.querySelectorAll("li.tile-video")].map((li) => li.dataset.jobId).sort()`)).toEqual(
      [...clips].sort(),
    );
    expect(await page.locator(`li[data-job-id="${picture.jobId}"]`).count()).toBe(0);
    const tile = page.locator(`li.tile-video[data-job-id="${clips[0]}"]`);
    const poster = tile.locator("img");
    expect(await poster.getAttribute("src")).toBe(`/app/videos/${clips[0]}/poster`);
    const posterSize = await page.evaluate(`new Promise((resolve, reject) => {
      const img = document.querySelector('li.tile-video[data-job-id="${clips[0]}"] img');
      const size = () => resolve([img.naturalWidth, img.naturalHeight]);
      if (img.complete) return size();
      img.addEventListener("load", size, { once: true });
      img.addEventListener("error", reject, { once: true });
    })`);
    expect(posterSize).toEqual([384, 384]);
    expect(await tile.getByRole("link").getAttribute("aria-label")).toBe("Clip: a lighthouse in fog");

    // Hovering starts the preview (muted, looping, inline); its time moves on.
    const moved = advances(page, `li.tile-video[data-job-id="${clips[0]}"] video[data-preview]`, false);
    await poster.hover();
    const preview = await moved;
    expect(preview.currentTime).toBeGreaterThan(0);
    expect([preview.muted, preview.loop]).toEqual([true, true]);
    expect(await tile.getAttribute("class")).toContain("playing");
    await page.context().close();
  }, 120_000);

  it("on a phone, a clip's first tap plays its preview in place and the second opens its page; the grid passes axe", async () => {
    expect(clips.length).toBeGreaterThan(0);
    const page = await signedInGallery(browser, w, phone);
    await page.goto(`${w.api.url}/app?type=video-generation`);
    const violations = await axeViolations(page);
    expect(violations.length, describeViolations(violations)).toBe(0);
    const tile = page.locator(`li.tile-video[data-job-id="${clips[0]}"]`);
    const moved = advances(page, `li.tile-video[data-job-id="${clips[0]}"] video[data-preview]`, false);
    await tile.locator("img").tap();
    expect((await moved).currentTime).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/app");
    await tile.locator("img").tap();
    await page.waitForURL(`${w.api.url}/app/jobs/${clips[0]}`);
    expect(await page.locator("video[data-clip]").count()).toBe(1);
    await page.context().close();
  }, 120_000);

  it("a clip's page shows its lineage: the picture it animates, and the clip an extend makes of it, which names it as parent", async () => {
    const clip = clips[0] ?? expect.unreachable("the Animate tests run first");
    const extended = await w.settled(
      await w.create({ type: "video-generation", operation: "extend", source: { jobId: clip, video: 1 } }),
      120_000,
    );
    expect(extended.status, JSON.stringify(extended.error)).toBe("completed");
    expect(extended.parent).toMatchObject({ jobId: clip, image: 1, prompt: "a lighthouse in fog" });
    const page = await signedInGallery(browser, w, wide);
    await page.goto(`${w.api.url}/app/jobs/${clip}`);
    const parent = page.getByRole("list", { name: "Made from", exact: true }).locator("a.node");
    expect(await parent.getAttribute("href")).toBe(`/app/jobs/${picture.jobId}`);
    expect(await parent.locator("img").getAttribute("src")).toBe(`/app/thumbnails/${picture.jobId}/1`);
    const children = page.getByRole("list", { name: "Made from it" }).locator("a.node");
    expect(await children.getAttribute("href")).toBe(`/app/jobs/${extended.jobId}`);
    expect(await children.textContent()).toContain("Extension");
    // A clip is shown by its poster, and the posters load.
    expect(await children.locator("img").getAttribute("src")).toBe(`/app/videos/${extended.jobId}/poster`);
    await expect
      .poll(() =>
        page.locator(".lineage img").evaluateAll((imgs) => imgs.every((i) => (i as unknown as { naturalWidth: number }).naturalWidth > 0)),
      )
      .toBe(true);
    await page.goto(`${w.api.url}/app/jobs/${extended.jobId}`);
    const back = page.getByRole("list", { name: "Made from", exact: true }).locator("a.node");
    expect(await back.getAttribute("href")).toBe(`/app/jobs/${clip}`);
    expect(await back.textContent()).toContain("Parent · clip");
    const violations = await axeViolations(page);
    expect(violations.length, describeViolations(violations)).toBe(0);
    await page.context().close();
  }, 180_000);

  it("a finished clip's page offers Extend and Animate again beside its download; Extend makes the extend, whose page fills in live and names the clip as its parent", async () => {
    const clip = clips[0] ?? expect.unreachable("the Animate tests run first");
    const processing = w.fal.processingMs;
    // Long enough to see the new clip's page while it runs.
    w.fal.processingMs = 6_000;
    try {
      const page = await signedInGallery(browser, w, wide);
      await page.goto(`${w.api.url}/app/jobs/${clip}`);
      const actions = page.locator(".clip-actions");
      // The models with an extend endpoint, by their names; and the same input again, as chat offers it.
      expect(await actions.getByRole("combobox", { name: "Video model" }).locator("option").allTextContents()).toEqual(["PixVerse Extend"]);
      expect(await actions.getByRole("button", { name: "Animate again" }).count()).toBe(1);
      expect(await page.getByRole("link", { name: /^Download the clip \(MP4, \d+×\d+\)$/ }).count()).toBe(1);
      const violations = await axeViolations(page);
      expect(violations.length, describeViolations(violations)).toBe(0);

      await actions.getByRole("button", { name: "Extend" }).click();
      await page.waitForURL((url) => /^\/app\/jobs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(clip));
      const jobId = new URL(page.url()).pathname.split("/").pop() ?? "";
      const made = (await w.api.deps.jobs.get(jobId)) ?? expect.unreachable("the extend job is stored");
      expect(made.type).toBe("video-generation");
      expect(made.input).toMatchObject({ operation: "extend", source: { jobId: clip, video: 1 }, model: "pixverse" });
      // While it runs: its status followed live, nothing to extend yet.
      expect(await page.locator(".status-panel[data-watch]").count()).toBe(1);
      expect(await page.locator(".clip-actions").count()).toBe(0);
      // Done, the page shows it without a reload by the test: the player, and the clip's own actions.
      await page.locator("video[data-clip]").waitFor({ timeout: 90_000 });
      expect(await page.locator(".clip-actions").getByRole("button", { name: "Extend" }).count()).toBe(1);
      const parent = page.getByRole("list", { name: "Made from", exact: true }).locator("a.node");
      expect(await parent.getAttribute("href")).toBe(`/app/jobs/${clip}`);
      expect(await parent.textContent()).toContain("Parent · clip");
      await page.goto(`${w.api.url}/app/jobs/${clip}`);
      const children = page.getByRole("list", { name: "Made from it" }).locator(`a.node[href="/app/jobs/${jobId}"]`);
      expect(await children.textContent()).toContain("Extension");
      // Its tile in the grid is the finished clip's.
      await page.goto(`${w.api.url}/app?type=video-generation`);
      expect(await page.locator(`li.tile-video:not(.tile-pending)[data-job-id="${jobId}"] img`).getAttribute("src")).toBe(
        `/app/videos/${jobId}/poster`,
      );
      // Animate again: the clip's own input run again, as a new job on its own page.
      await page.goto(`${w.api.url}/app/jobs/${clip}`);
      await page.locator(".clip-actions").getByRole("button", { name: "Animate again" }).click();
      await page.waitForURL((url) => /^\/app\/jobs\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(clip));
      const againId = new URL(page.url()).pathname.split("/").pop() ?? "";
      expect(againId).not.toBe(jobId);
      const again = await w.settled(againId, 120_000);
      expect(again.status, JSON.stringify(again.error)).toBe("completed");
      expect(again.input).toMatchObject({ operation: "animate", motion: "low", source: { jobId: picture.jobId, image: 1 } });
      await page.context().close();
    } finally {
      w.fal.processingMs = processing;
    }
  }, 180_000);

  it("a clip in the making is a clip's tile with its status and progress, which turns into the clip when it is done, without a reload", async () => {
    const processing = w.fal.processingMs;
    w.fal.processingMs = 8_000;
    try {
      const jobId = await w.create({
        type: "video-generation",
        operation: "animate",
        source: { jobId: picture.jobId, image: 1 },
        motion: "low",
      });
      const page = await signedInGallery(browser, w, wide);
      await page.goto(`${w.api.url}/app?type=video-generation`);
      const pending = page.locator(`li.tile-video.tile-pending[data-job-id="${jobId}"]`);
      expect(await pending.count()).toBe(1);
      expect(await pending.getByRole("link").textContent()).toMatch(/^Clip\s*a lighthouse in fog/);
      expect(await pending.locator(".status").getAttribute("class")).toMatch(/status-(queued|running)/);
      expect(await pending.locator("progress").count()).toBe(1);
      // The tile keeps the grid's row height, at the clip's shape (an animated square picture: square).
      const box = await pending.locator("a").boundingBox();
      expect(box && Math.abs(box.width - box.height)).toBeLessThanOrEqual(1);
      const violations = await axeViolations(page);
      expect(violations.length, describeViolations(violations)).toBe(0);
      // Live: the page follows the job and swaps in the finished clip's tile, its poster.
      const done = page.locator(`li.tile-video:not(.tile-pending)[data-job-id="${jobId}"] img`);
      await done.waitFor({ timeout: 90_000 });
      expect(await done.getAttribute("src")).toBe(`/app/videos/${jobId}/poster`);
      expect(await page.locator(`li.tile-pending[data-job-id="${jobId}"]`).count()).toBe(0);
      await page.context().close();
    } finally {
      w.fal.processingMs = processing;
    }
  }, 180_000);

  it("a selection holding a clip downloads as one streamed zip that holds the clip's MP4 and the picture", async () => {
    const clip = clips[0] ?? expect.unreachable("the Animate tests run first");
    const page = await signedInGallery(browser, w, wide);
    await page.goto(`${w.api.url}/app?type=all`);
    await page.locator(`li[data-job-id="${clip}"]`).getByRole("checkbox", { name: "Select Clip: a lighthouse in fog" }).check();
    await page.getByRole("checkbox", { name: "Select a lighthouse in fog" }).check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download zip" }).click()]);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path()) ?? "")));
    const names = Object.keys(entries);
    expect(names.filter((n) => n.endsWith(".png"))).toHaveLength(1);
    const mp4s = names.filter((n) => n.endsWith(".mp4"));
    expect(mp4s).toHaveLength(1);
    const stored = (await w.settled(clip)).versions.at(-1) as unknown as { video: { s3Key: string } };
    expect(stored.video.s3Key).toMatch(/\/video_1\.mp4$/);
    const clipBytes = await readObject(w.api.deps.storage, stored.video.s3Key);
    expect(Buffer.from(entries[mp4s[0] ?? ""] ?? []).equals(clipBytes)).toBe(true);
    // Streamed as it is read from the bucket: chunked, with no length known beforehand.
    const response = await page.request.get(`${w.api.url}/app/zip?p=${clip}/1`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-length"]).toBeUndefined();
    expect(response.headers()["transfer-encoding"]).toBe("chunked");
    await page.context().close();
  }, 120_000);
  it("a clip and a picture in the making that arrive with a later page of the grid are followed live too, and fill in without a reload", async () => {
    const processing = w.fal.processingMs;
    // Long enough to load the first page and scroll to the second while both still run.
    w.fal.processingMs = 20_000;
    try {
      const clip = await w.create({
        type: "video-generation",
        operation: "animate",
        source: { jobId: picture.jobId, image: 1 },
        motion: "low",
      });
      const still = await w.create({ type: "image-generation", prompt: "a harbour crane at night", imageSize: "square", seed: "9" });
      // A full first page of newer jobs puts both on the second.
      for (let i = 0; i < GALLERY_PAGE_JOBS; i++) await completedTranscriptJob(w.api, w.alice, `meeting notes number ${i}`);
      const page = await signedInGallery(browser, w, wide);
      await page.evaluate("window.__samePage = true");
      const tile = (jobId: string) => page.locator(`ul.grid > li[data-job-id="${jobId}"]`);
      // Neither is on the page the server sends first: only the script's next page brings them.
      const first = await (await page.request.get(`${w.api.url}/app`)).text();
      expect([first.includes(clip), first.includes(still)]).toEqual([false, false]);
      await page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
      await tile(clip).first().waitFor({ timeout: 20_000 });
      expect(await tile(clip).getAttribute("class")).toContain("tile-pending");
      expect(await tile(still).locator(".status").getAttribute("class")).toMatch(/status-(queued|running)/);
      // Followed: the picture's tile gains the progress bar jobs.watch fills (the page served none).
      await tile(still).locator("progress").waitFor({ timeout: 20_000 });
      // Done: the clip's tile is its poster, the picture's tile its picture, on the same page.
      await page.locator(`li.tile-video:not(.tile-pending)[data-job-id="${clip}"] img`).waitFor({ timeout: 90_000 });
      await tile(still).locator("img").waitFor({ timeout: 90_000 });
      expect(await tile(still).locator("img").getAttribute("src")).toBe(`/app/thumbnails/${still}/1`);
      expect(await page.evaluate("window.__samePage")).toBe(true);
      await page.context().close();
    } finally {
      w.fal.processingMs = processing;
    }
  }, 180_000);
});
