import { readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { listObjects } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { encodeTone, makeWav } from "../helpers/media.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** The few DOM members the page functions read (this file runs in Node, without the DOM's types). */
type Progress = { value: number; max: number; hidden: boolean };
type DropDom = {
  DataTransfer: new () => { items: { add(file: unknown): void } };
  File: new (bits: unknown[], name: string, options: { type: string }) => unknown;
  DragEvent: new (type: string, init: object) => unknown;
};

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * Work from files in the gallery, in Debian's Chromium against the whole API, its worker and the
 * fal and AssemblyAI emulators: a WAV (chosen) and an MP3 (dropped, on a phone) uploaded through
 * the page with a progress bar of their bytes, each becoming a transcript; a zip of PNGs becoming
 * a trained LoRA, which the create bar then generates with.
 */
describe("uploads in the gallery, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true });
  let browser: Browser;
  let dir: string;
  const errors: string[] = [];

  async function signedIn(viewport: { width: number; height: number }): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.on("pageerror", (err) => errors.push(err.message));
    const link = dataOf<{ url: string }>(await trpcCall(w.api.app, w.alice.key, "gallery.signInLink", undefined, "mutation")).url;
    await page.goto(link);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    await page.getByText("Transcribe or train a LoRA from files").click();
    return page;
  }

  const tileIds = (page: Page) =>
    page.locator("ul.grid > li").evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { jobId: string } }).dataset.jobId));
  /** The job whose tile the page put at the top of the grid: one that was not there before. */
  async function newJob(page: Page, before: string[]): Promise<string> {
    const first = page.locator("ul.grid > li").first();
    await expect.poll(async () => before.includes((await first.getAttribute("data-job-id")) ?? ""), { timeout: 30_000 }).toBe(false);
    return (await first.getAttribute("data-job-id")) ?? "";
  }
  const uploadsOf = async (fileName: string) => {
    const keys: string[] = [];
    for await (const o of listObjects(w.api.deps.storage, "temp/")) if (o.key.endsWith(`/${fileName}`)) keys.push(o.key);
    return keys;
  };

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    dir = await mkdtemp(path.join(tmpdir(), "studio-uploads-"));
  });

  afterEach(() => {
    expect(errors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("at 1280 px: a WAV chosen with the file picker is uploaded with a byte progress bar and becomes a transcript with speakers", async () => {
    const page = await signedIn(DESKTOP);
    const form = page.getByRole("form", { name: "Transcribe audio or video" });
    const wav = makeWav(6);
    await form.getByLabel(/^Audio or video file/).setInputFiles({ name: "standup.wav", mimeType: "audio/wav", buffer: wav });
    expect(await form.locator("[data-chosen]").textContent()).toContain("standup.wav");
    await form.getByLabel("Tell the speakers apart").check();
    const before = await tileIds(page);
    await form.getByRole("button", { name: "Upload and transcribe" }).click();
    const jobId = await newJob(page, before);
    const bar = (await form.locator("[data-progress]").evaluate((p) => {
      const { value, max, hidden } = p as unknown as Progress;
      return { value, max, hidden };
    })) as Progress;
    expect(bar).toEqual({ value: wav.length, max: wav.length, hidden: false });
    expect(await form.locator("[data-progress-text]").textContent()).toContain("queued");

    // The tile follows the job to its end without a reload.
    const tile = page.locator(`ul.grid > li[data-job-id="${jobId}"] .status`);
    await expect.poll(() => tile.textContent(), { timeout: 60_000 }).toBe("completed");
    const job = await w.settled(jobId);
    expect(job).toMatchObject({ type: "transcription", status: "completed", input: { speakerLabels: true } });
    expect(job.input.uploadKey).toMatch(/^temp\/[^/]+\/alice\/[^/]+\/standup\.wav$/);
    expect(job.versions.at(-1)).toHaveProperty("wordCount");
  });

  it("at 390 px: an MP3 dropped on the form becomes a transcript; a language code the API refuses is shown beside its field first", async () => {
    const page = await signedIn(PHONE);
    const mp3 = await readFile((await encodeTone(dir, "memo", 4)).mp3);
    const form = page.getByRole("form", { name: "Transcribe audio or video" });
    // A drop as the browser makes it: a DataTransfer holding the file, on the form.
    await form.evaluate((el, b64) => {
      const dom = globalThis as unknown as DropDom;
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new dom.DataTransfer();
      data.items.add(new dom.File([bytes], "voice memo.mp3", { type: "audio/mpeg" }));
      for (const type of ["dragover", "drop"])
        (el as unknown as { dispatchEvent(e: unknown): void }).dispatchEvent(
          new dom.DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
        );
    }, mp3.toString("base64"));
    expect(await form.locator("[data-chosen]").textContent()).toContain("voice memo.mp3");
    await form.getByLabel(/^Language code/).fill("klingon");
    const before = await tileIds(page);
    await form.getByRole("button", { name: "Upload and transcribe" }).click();
    await expect.poll(() => form.locator("#transcribe-languageCode-error").textContent()).toMatch(/AssemblyAI's language codes/);
    expect(await tileIds(page)).toEqual(before);
    // Sent again with a code it takes: the file is not uploaded a second time.
    await form.getByLabel(/^Language code/).fill("en");
    await form.getByRole("button", { name: "Upload and transcribe" }).click();
    const jobId = await newJob(page, before);
    expect(await uploadsOf("voice_memo.mp3")).toHaveLength(1);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
    const job = await w.settled(jobId);
    expect(job).toMatchObject({ status: "completed", input: { languageCode: "en" } });
  });

  for (const viewport of [DESKTOP, PHONE]) {
    it(`at ${viewport.width} px: a zip of PNGs trains a LoRA from the page; the create bar then lists it by its trigger word and generates with it`, {
      timeout: 180_000,
    }, async () => {
      const trigger = `studiotok${viewport.width}`;
      const page = await signedIn(viewport);
      const form = page.getByRole("form", { name: "Train a LoRA" });
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < 5; i++) files[`faces/face${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 256, 256));
      const zip = Buffer.from(zipSync(files));
      await form.getByLabel(/^4-100 pictures/).setInputFiles({ name: "faces.zip", mimeType: "application/zip", buffer: zip });
      await form.getByLabel("Trigger word").fill(trigger);
      await form.getByLabel("Steps").fill("500");
      const before = await tileIds(page);
      await form.getByRole("button", { name: "Upload and train" }).click();
      const loraId = await newJob(page, before);
      const lora: PublicJob = await w.settled(loraId, 120_000);
      expect(lora).toMatchObject({ type: "lora-training", status: "completed", input: { triggerWord: trigger, steps: 500 } });
      expect(lora.input.imagesZipKey).toMatch(/\/faces\.zip$/);

      await page.goto(`${w.api.url}/app`);
      await page.getByLabel("Prompt", { exact: true }).fill(`${trigger} at the beach`);
      // On a phone the create bar's options are closed until tapped open.
      if (viewport === PHONE) await page.getByText("Options and references", { exact: true }).click();
      await page.getByLabel("LoRA", { exact: true }).selectOption({ label: trigger });
      await page.getByLabel("LoRA strength", { exact: true }).fill("0.8");
      const beforeImage = await tileIds(page);
      await page.getByRole("button", { name: "Create", exact: true }).click();
      const image = await w.settled(await newJob(page, beforeImage));
      expect(image).toMatchObject({ status: "completed", input: { lora: { jobId: loraId, scale: 0.8 } } });
      expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(viewport.width);
    });
  }
});
