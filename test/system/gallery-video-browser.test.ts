import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { axeViolations, describeViolations } from "../helpers/axe.js";
import { type GalleryViewer, signedInGallery } from "../helpers/gallery-browser.js";
import { useWorkingApi } from "../helpers/working-api.js";

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

  for (const [viewer, motion] of [
    [wide, "low"],
    [phone, "high"],
  ] as const) {
    it(`Animate (${motion} motion) at ${viewer.width} px: the clip's page plays it, with its poster, duration, model and downloads`, async () => {
      const page = await signedInGallery(browser, w, viewer);
      await page.goto(`${w.api.url}/app/jobs/${picture.jobId}`);
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
      expect(facts).toContain("Kling 2.1 (standard)");
      const caption = (await page.locator(".clip figcaption").textContent()) ?? "";
      expect(caption).toMatch(/Duration: 5 s/);
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
});
