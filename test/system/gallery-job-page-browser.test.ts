import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { type GalleryViewer, signedInGallery } from "../helpers/gallery-browser.js";
import { completedLoraJob } from "../helpers/stored-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** Where the README's screenshots come from: written by the browser tests, from the real pages. */
const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots");

/**
 * A job's page in Debian's Chromium against the whole API, its worker and the fal emulator: the
 * model by its name, the LoRA by its trigger word and version, a full bar when done, dates where
 * the viewer is, and a picture's lineage after an upscale and a variation of it.
 */
describe("the gallery's job page, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true });
  let browser: Browser;
  let lora: string;
  let fox: PublicJob;
  let withLora: PublicJob;

  const signedIn = (viewer?: GalleryViewer) => signedInGallery(browser, w, viewer);

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    await mkdir(SCREENSHOTS, { recursive: true });
    lora = await completedLoraJob(w.api, { userId: "alice", workspaceId: w.alice.workspaceId }, "tokfox");
    withLora = await w.settled(
      await w.create({
        type: "image-generation",
        prompt: "tokfox, a paper fox",
        imageSize: "square",
        seed: "3",
        lora: { jobId: lora, scale: 0.8 },
      }),
    );
    fox = await w.settled(
      await w.create({ type: "image-generation", prompt: "a red fox in snow", imageSize: "landscape_4_3", seed: "12" }),
    );
    for (const job of [withLora, fox]) expect(job.status, JSON.stringify(job.error)).toBe("completed");
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("the job page names the model and the LoRA by its trigger word and version, with a full bar once completed", async () => {
    const page = await signedIn();
    await page.goto(`${w.api.url}/app/jobs/${withLora.jobId}`);
    const facts = (await page.locator(".facts").textContent()) ?? "";
    expect(facts).toContain("FLUX.1 [dev] with LoRA");
    expect(facts).not.toContain("fal-ai/");
    const link = page.locator(".facts").getByRole("link", { name: "tokfox" });
    expect(await link.getAttribute("href")).toBe(`/app/jobs/${lora}`);
    expect(facts).toContain("tokfox v1 · strength 0.8");
    expect(facts).not.toContain(lora);
    const bar = page.locator("progress[data-field=progress]");
    expect(await bar.evaluate((p) => [(p as unknown as { value: number }).value, (p as unknown as { max: number }).max])).toEqual([
      100, 100,
    ]);
    expect(await page.locator(".status-panel").textContent()).not.toContain("position");
    // The dates are the viewer's: here en-GB in UTC, with how long ago.
    const created = page.locator(".facts time").first();
    expect(await created.getAttribute("datetime")).toBe(withLora.createdAt);
    expect(await created.textContent()).toContain(
      new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(withLora.createdAt)),
    );
  });

  it("the lightbox on the favourites and a board's page names the LoRA by its trigger word, as the grid's does", async () => {
    const call = async (path: string, input: unknown) =>
      dataOf<Record<string, unknown>>(await trpcCall(w.api.app, w.alice.key, path, input, "mutation"));
    await call("favourites.add", { jobId: withLora.jobId, picture: 1 });
    const board = await call("boards.create", { name: "Paper animals" });
    await call("boards.add", { boardId: board.boardId, pictures: [{ jobId: withLora.jobId, picture: 1 }] });
    const page = await signedIn();
    for (const where of ["/app", "/app/favourites", `/app/boards/${String(board.boardId)}`]) {
      await page.goto(`${w.api.url}${where}`);
      await page.locator(`li[data-job-id="${withLora.jobId}"] a[data-lightbox]`).click();
      const dialog = page.locator("dialog.lightbox");
      await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
      const facts = (await dialog.locator("dl").textContent()) ?? "";
      expect(facts, where).toContain("LoRAtokfox");
      expect(facts, where).not.toContain(lora);
    }
    await page.context().close();
  });

  it("an upscale and a variation of a picture both show in its lineage tree, and each links back to its parent", async () => {
    const upscale = await w.settled(
      await w.create({ type: "image-generation", operation: "upscale", source: { jobId: fox.jobId, image: 1 } }),
    );
    const variation = await w.settled(
      await w.create({ type: "image-generation", operation: "vary", strength: "strong", source: { jobId: fox.jobId, image: 1 } }),
    );
    for (const job of [upscale, variation]) expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const page = await signedIn();
    await page.goto(`${w.api.url}/app/jobs/${fox.jobId}`);
    const children = page.getByRole("list", { name: "Made from it" }).locator("a.node");
    expect(await children.evaluateAll((as) => as.map((a) => (a as unknown as { pathname: string }).pathname).sort())).toEqual(
      [`/app/jobs/${upscale.jobId}`, `/app/jobs/${variation.jobId}`].sort(),
    );
    expect(await children.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Upscale"), expect.stringContaining("Variation")]),
    );
    // Each child is shown by its picture, and the pictures load.
    const thumbs = children.locator("img");
    expect(await thumbs.count()).toBe(2);
    await expect
      .poll(() =>
        thumbs.evaluateAll((imgs) => imgs.every((i) => (i as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0)),
      )
      .toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, "job-lineage.png"), fullPage: true });

    await children.filter({ hasText: "Upscale" }).click();
    await page.waitForURL(`${w.api.url}/app/jobs/${upscale.jobId}`);
    const parent = page.getByRole("list", { name: "Made from" }).locator("a.node");
    expect(await parent.getAttribute("href")).toBe(`/app/jobs/${fox.jobId}`);
    expect(await page.locator(".facts").textContent()).toContain("ESRGAN");
    await page.goto(`${w.api.url}/app/jobs/${variation.jobId}`);
    expect(await page.getByRole("list", { name: "Made from" }).locator("a.node").getAttribute("href")).toBe(`/app/jobs/${fox.jobId}`);
    expect(await page.locator(".facts").textContent()).toContain("FLUX.1 [dev] image-to-image");

    // jobs.list by parentJobId keeps to the caller's scope: another workspace's member finds no children.
    const eve = await w.api.member("globex", "eve");
    const theirs = dataOf<{ items: PublicJob[] }>(await trpcCall(w.api.app, eve.key, "jobs.list", { parentJobId: fox.jobId }, "query"));
    expect(theirs.items).toEqual([]);
    const ours = dataOf<{ items: PublicJob[] }>(await trpcCall(w.api.app, w.alice.key, "jobs.list", { parentJobId: fox.jobId }, "query"));
    expect(ours.items.map((j) => j.jobId).sort()).toEqual([upscale.jobId, variation.jobId].sort());
  });
});
