import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { momentOf } from "../../shared/meeting-search/moment.js";
import { readObject } from "../../shared/storage/objects.js";
import { signedInGallery } from "../helpers/gallery-browser.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { useWorkingApi } from "../helpers/working-api.js";

type Utterance = { speaker: string; start: number; text: string };

/**
 * The search across meetings in Debian's Chromium, over a recording the worker transcribed
 * through the AssemblyAI emulator: the worker indexed it, the gallery's search lists the hit as a
 * marked quote with speaker and time, and the hit opens the meeting with its audio at that moment.
 */
describe("the gallery's search across meetings, in a browser", () => {
  const w = useWorkingApi({ publicUrl: true });
  let browser: Browser;
  let job: PublicJob;
  let second: Utterance;
  let word: string;

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    const wav = makeWav(8);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "retro.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    // Without notes: their passages would say the same words (test/api/meeting-search-notes.test.ts covers those hits).
    job = await w.settled(await w.create({ type: "transcription", uploadKey: up.uploadKey, speakerLabels: true, notes: false }));
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const stored = await w.api.deps.jobs.get(job.jobId);
    const latest = stored?.versions.at(-1);
    const key = latest && "s3Keys" in latest ? latest.s3Keys?.json : undefined;
    const transcript = JSON.parse((await readObject(w.api.deps.storage, key ?? "")).toString("utf8")) as { utterances: Utterance[] };
    const [first, next] = transcript.utterances;
    if (!first || !next) throw new Error("the emulator gave fewer than two turns");
    second = next;
    // A word of the second turn that the first does not say, so the hit is that turn.
    const words = (t: string) =>
      t
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((x) => x.length > 2);
    const found = words(second.text).find((x) => !words(first.text).includes(x));
    if (!found) throw new Error(`no word of "${second.text}" is missing from "${first.text}"`);
    word = found;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("lists the hit with speaker, time and the word marked; the hit plays the recording from that moment", async () => {
    const page = await signedInGallery(browser, w);
    await page.goto(`${w.api.url}/app?type=transcription`);
    await page.getByRole("searchbox", { name: "Search meetings" }).fill(word.toUpperCase());
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL(/\/app\/meetings\?q=/);
    const hits = page.locator("ol.meeting-hits > li");
    expect(await hits.count()).toBe(1);
    expect(await hits.locator(".file").textContent()).toBe("retro.wav");
    expect(await hits.locator(".speaker").textContent()).toBe(`Speaker ${second.speaker}`);
    expect((await hits.locator("mark").allTextContents()).map((m) => m.toLowerCase())).toContain(word);
    const link = hits.getByRole("link");
    const href = (await link.getAttribute("href")) ?? "";
    expect(href.startsWith(`/app/jobs/${job.jobId}#t=`)).toBe(true);
    const at = momentOf(href.slice(href.indexOf("#"))) ?? -1;
    expect(at).toBeCloseTo(Math.floor(second.start / 100) / 10, 5);
    expect(at).toBeGreaterThan(0);

    await link.click();
    await page.waitForURL(`${w.api.url}${href}`);
    await expect
      .poll(() => page.locator("audio").evaluate((a) => (a as unknown as { currentTime: number }).currentTime))
      .toBeCloseTo(at, 1);
    expect(await page.locator("ol.transcript > li.moment .text").textContent()).toBe(second.text);
  });

  it("says why a query is refused, on the page, beside the box", async () => {
    const page = await signedInGallery(browser, w);
    const answer = await page.goto(`${w.api.url}/app/meetings?q=${encodeURIComponent("a ?")}`);
    expect(answer?.status()).toBe(400);
    expect(await page.getByRole("alert").textContent()).toMatch(/at least 2 letters/);
    expect(await page.getByRole("searchbox", { name: "Search meetings" }).inputValue()).toBe("a ?");
  });
});
