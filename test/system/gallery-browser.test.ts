import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { quotas, usageLedger } from "../../shared/db/sql/schema.js";
import { createSignInLink } from "../../shared/db/sql/web-sessions.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { GALLERY_PAGE_JOBS } from "../../server/web/routes.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { completedLoraJob } from "../helpers/stored-jobs.js";
import { signOutOffLine } from "../helpers/header-line.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** The few DOM members the page functions read (this file runs in Node, without the DOM's types). */
type Img = { alt: string; complete: boolean; naturalWidth: number };

/** Every status and progress a job page shows, in order, kept in sessionStorage across the page's own reload when the job ends. */
const RECORD_STATUS = `
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.querySelector("[data-watch]");
  const status = document.querySelector('[data-field="status"]');
  const progress = document.querySelector('[data-field="progress"]');
  if (!panel || !status || !progress) return;
  const record = () => {
    const seen = JSON.parse(sessionStorage.getItem("seen") ?? "[]");
    const stamp = status.textContent + ":" + progress.value;
    if (seen.at(-1) !== stamp) sessionStorage.setItem("seen", JSON.stringify([...seen, stamp]));
  };
  record();
  new MutationObserver(record).observe(panel, { childList: true, characterData: true, subtree: true, attributes: true });
});`;

/** Where the README's screenshots come from: written by this test, from the real pages. */
const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots");

/**
 * The web gallery in a real headless Chromium (Debian's), against the whole API with its worker
 * and the fal emulator: sign in with a one-time link, browse, filter, search, open a job,
 * download, vary and watch the new job live, delete, sign out; and what other members must not see.
 */
describe("the web gallery in a browser", () => {
  const w = useWorkingApi({ publicUrl: true, processingMs: 1_200 });
  let browser: Browser;
  let bob: Awaited<ReturnType<typeof w.api.member>>;
  let eve: Awaited<ReturnType<typeof w.api.member>>;
  const jobs: Record<string, PublicJob> = {};

  const signInLink = async (key: string) =>
    dataOf<{ url: string }>(await trpcCall(w.api.app, key, "gallery.signInLink", undefined, "mutation")).url;

  async function signedIn(key: string): Promise<Page> {
    // A fixed language and zone, as the other browser tests have: the screenshots' dates agree (en-GB, UTC).
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: "en-GB",
      timezoneId: "UTC",
    });
    const page = await context.newPage();
    await page.goto(await signInLink(key));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    return page;
  }

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    await mkdir(SCREENSHOTS, { recursive: true });
    bob = await w.api.member("acme", "bob");
    eve = await w.api.member("globex", "eve");
    // One after another, so the gallery's newest-first order is known.
    const made: string[] = [];
    for (const input of [
      { prompt: "a lighthouse in fog", imageSize: "square", count: 2, seed: "11" },
      { prompt: "a red fox in snow", imageSize: "landscape_4_3", seed: "12" },
      { prompt: "a city at night, neon rain", imageSize: "portrait_4_3", seed: "13" },
    ]) {
      made.push(await w.create({ type: "image-generation", ...input }));
    }
    for (const [i, jobId] of made.entries()) jobs[["lighthouse", "fox", "city"][i] ?? ""] = await w.settled(jobId);
    const bobsPrivate = dataOf<{ jobId: string }>(
      await trpcCall(
        w.api.app,
        bob.key,
        "jobs.create",
        { type: "image-generation", prompt: "bob's secret castle", visibility: "private" },
        "mutation",
      ),
    ).jobId;
    jobs.bobsPrivate = await w.settled(bobsPrivate).catch(() => ({ jobId: bobsPrivate }) as PublicJob);
    expect(Object.values(jobs).filter((j) => j.status === "completed")).toHaveLength(3);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("signs in with a one-time link, shows the team's pictures with their prompts as alt text, and filters and searches them", async () => {
    const page = await signedIn(w.alice.key);
    const tiles = page.locator("ul.grid > li.tile img");
    await expect.poll(() => tiles.count()).toBe(4);
    const alts = await tiles.evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).alt));
    expect(alts).toEqual([
      "a city at night, neon rain",
      "a red fox in snow",
      "a lighthouse in fog (1 of 2)",
      "a lighthouse in fog (2 of 2)",
    ]);
    // Every thumbnail really loads: a WebP made for the gallery, through the visibility check.
    await expect
      .poll(() => tiles.evaluateAll((imgs) => imgs.every((i) => (i as unknown as Img).complete && (i as unknown as Img).naturalWidth > 0)))
      .toBe(true);
    const widths = await tiles.evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).naturalWidth));
    expect(Math.max(...widths)).toBeLessThanOrEqual(384);
    expect(alts.join()).not.toContain("castle");
    await page.screenshot({ path: path.join(SCREENSHOTS, "gallery.png"), fullPage: true });

    await page.getByLabel("Search").fill("fox");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/q=fox/);
    expect(await page.locator("ul.grid > li.tile img").evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).alt))).toEqual([
      "a red fox in snow",
    ]);

    await page.goto(`${w.api.url}/app?member=bob`);
    // Bob's only job is private: alice sees nothing of his.
    await expect.poll(() => page.locator("ul.grid > li").count()).toBe(0);
    await expect(page.locator("p.empty").textContent()).resolves.toContain("Nothing here yet");

    await page.goto(`${w.api.url}/app?type=image-generation&from=2000-01-01&to=2000-12-31`);
    expect(await page.locator("ul.grid > li").count()).toBe(0);
  });

  it("opens a picture in the lightbox with its prompt, seed and size, downloads the file, and opens the job's page", async () => {
    const page = await signedIn(w.alice.key);
    const fox = page.getByRole("img", { name: "a red fox in snow" });
    await fox.click();
    const dialog = page.locator("dialog.lightbox");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    const facts = await dialog.locator("dl").textContent();
    expect(facts).toContain("a red fox in snow");
    expect(facts).toContain("12");
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("link", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("image_1.png");
    const saved = await download.path();
    expect(saved).toBeTruthy();
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);

    await page.goto(`${w.api.url}/app/jobs/${jobs.lighthouse?.jobId}`);
    await expect(page.locator("h1").textContent()).resolves.toBe("a lighthouse in fog");
    expect(await page.locator(".facts").textContent()).toContain("11");
    expect(await page.locator(".pictures img").count()).toBe(2);
    // Dates in the browser's language (en-GB: day before month, 24-hour clock), as on every page.
    const created = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
      new Date(jobs.lighthouse?.createdAt ?? ""),
    );
    await expect.poll(() => page.locator(".facts time").first().textContent()).toMatch(new RegExp(`^${created} · `));
    // Sign out sits on the header's line, beside the links, the viewer's name and the language switch.
    expect(await signOutOffLine(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "job.png"), fullPage: true });
  });

  it("works from the keyboard and on a phone: Enter opens a picture, arrows move through the grid, Escape returns to the tile; nothing scrolls sideways", async () => {
    const page = await signedIn(w.alice.key);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${w.api.url}/app`);
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    expect(await signOutOffLine(page)).toBeLessThanOrEqual(1);
    const first = page.locator("a[data-lightbox]").first();
    await first.focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("dialog.lightbox");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    const altNow = () => dialog.locator("img").getAttribute("alt");
    expect(await altNow()).toBe("a city at night, neon rain");
    await page.keyboard.press("ArrowRight");
    await expect.poll(altNow).toBe("a red fox in snow");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(false);
    // Focus goes back to the picture that was open last, so keyboard users keep their place.
    expect(await page.evaluate("document.activeElement?.querySelector('img')?.alt")).toBe("a red fox in snow");
    await page.screenshot({ path: path.join(SCREENSHOTS, "gallery-phone.png"), fullPage: true });
  });

  it("Vary makes a new job whose page follows it live to its pictures; Delete removes it from the gallery", async () => {
    const page = await signedIn(w.alice.key);
    await page.addInitScript({ content: RECORD_STATUS });
    await page.goto(`${w.api.url}/app/jobs/${jobs.fox?.jobId}`);
    await page.getByRole("button", { name: "Vary", exact: true }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/app/jobs/") && !u.pathname.endsWith(jobs.fox?.jobId ?? ""));
    const newJobId = new URL(page.url()).pathname.split("/").pop() ?? "";
    // The page reloads itself when the job is final: wait for its pictures.
    await page.locator(".pictures img").first().waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-field=status]").textContent()).toBe("completed");
    const seen = (await page.evaluate('JSON.parse(sessionStorage.getItem("seen") ?? "[]")')) as string[];
    // The page was rendered while the job waited or ran, and then changed by itself, up to completed.
    expect(seen[0]).toMatch(/^(queued|running):/);
    expect(seen).toContain("completed:100");
    await page.screenshot({ path: path.join(SCREENSHOTS, "job-vary.png"), fullPage: true });
    const job = dataOf<PublicJob>(await trpcCall(w.api.app, w.alice.key, "jobs.get", { jobId: newJobId }, "query"));
    expect(job).toMatchObject({ status: "completed", parent: { jobId: jobs.fox?.jobId, image: 1 }, input: { operation: "vary" } });

    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    const ids = await page
      .locator("ul.grid > li")
      .evaluateAll((lis) => lis.map((li) => (li as unknown as { dataset: { jobId?: string } }).dataset.jobId));
    expect(ids).not.toContain(newJobId);
    expect((await page.goto(`${w.api.url}/app/jobs/${newJobId}`))?.status()).toBe(404);
  });

  it("loads later pages by cursor while scrolling, with no picture twice and none missing", async () => {
    const source = jobs.fox;
    const version = source?.versions[0] as { images: Array<{ s3Key: string }> } | undefined;
    const stored = await rawJobs(w.api.deps).findOne({ jobId: source?.jobId ?? "" });
    if (!stored || !version) throw new Error("the fox job is missing");
    const base = Date.now() - 86_400_000;
    const extra = Array.from({ length: GALLERY_PAGE_JOBS + 6 }, (_, i) => {
      const jobId = randomUUID();
      return {
        ...stored,
        _id: jobId,
        jobId,
        input: { ...stored.input, prompt: `scroll test ${i}` },
        searchTerms: ["scroll", "test"],
        createdAt: new Date(base - i * 1000),
      };
    });
    await rawJobs(w.api.deps).insertMany(extra);
    const page = await signedIn(w.alice.key);
    // The page as served holds one page of jobs; the script loads the rest as the grid's end nears.
    const served = await (await page.request.get(`${w.api.url}/app?q=scroll`)).text();
    expect(served.match(/<li class="tile"/g)).toHaveLength(GALLERY_PAGE_JOBS);
    await page.goto(`${w.api.url}/app?q=scroll`);
    // The next page comes as the end of the grid nears the viewport.
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
    await expect.poll(() => page.locator("ul.grid > li").count(), { timeout: 20_000 }).toBe(GALLERY_PAGE_JOBS + 6);
    const shown = await page.locator("ul.grid > li img").evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).alt));
    expect(shown).toEqual(extra.map((_, i) => `scroll test ${i}`));
    await expect(page.locator("p.end").textContent()).resolves.toContain("That is everything");
  });

  it("another workspace's member sees none of it, and a teammate's private job is invisible", async () => {
    const page = await signedIn(eve.key);
    expect(await page.locator("ul.grid > li").count()).toBe(0);
    expect((await page.goto(`${w.api.url}/app/jobs/${jobs.lighthouse?.jobId}`))?.status()).toBe(404);
    // The page's own cookie, asking for the pictures directly.
    expect((await page.request.get(`${w.api.url}/app/thumbnails/${jobs.lighthouse?.jobId}/1`, { maxRedirects: 0 })).status()).toBe(404);
    expect((await page.request.get(`${w.api.url}/app/images/${jobs.lighthouse?.jobId}/1`, { maxRedirects: 0 })).status()).toBe(404);

    const alice = await signedIn(w.alice.key);
    expect((await alice.request.get(`${w.api.url}/app/thumbnails/${jobs.lighthouse?.jobId}/1`, { maxRedirects: 0 })).status()).toBe(302);
    expect((await alice.goto(`${w.api.url}/app/jobs/${jobs.bobsPrivate?.jobId}`))?.status()).toBe(404);
    expect((await alice.request.get(`${w.api.url}/app/thumbnails/${jobs.bobsPrivate?.jobId}/1`, { maxRedirects: 0 })).status()).toBe(404);
    const bobs = await signedIn(bob.key);
    await bobs.goto(`${w.api.url}/app/jobs/${jobs.bobsPrivate?.jobId}`);
    expect(await bobs.locator("h1").textContent()).toBe("bob's secret castle");
  });

  it("refuses a used or expired sign-in link, and signing out ends the session for good", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const link = await signInLink(w.alice.key);
    await page.goto(link);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("Link already used");

    const cookies = await context.cookies();
    await page.goto(`${w.api.url}/app`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    expect(await page.locator("h1").textContent()).toBe("Not signed in");
    // The old cookie, put back, opens nothing: the session was revoked on the server.
    await context.addCookies(cookies);
    expect((await page.goto(`${w.api.url}/app`))?.status()).toBe(401);

    const { token } = await createSignInLink(
      w.api.deps.sql.db,
      { workspaceId: w.alice.workspaceId, userId: "alice", origin: "api" },
      new Date(Date.now() - 11 * 60_000),
    );
    const expired = await page.goto(`${w.api.url}/app/sign-in?token=${token}`);
    expect(expired?.status()).toBe(410);
    expect(await page.locator("h1").textContent()).toBe("Link expired");
    await context.close();
  });

  it("reads a transcript with its speakers and times: a line plays the audio from its second, and the search narrows the lines", async () => {
    const wav = makeWav(8);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "standup.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    const job = await w.settled(await w.create({ type: "transcription", uploadKey: up.uploadKey, speakerLabels: true }));
    expect(job.status).toBe("completed");
    const page = await signedIn(w.alice.key);
    await page.goto(`${w.api.url}/app/jobs/${job.jobId}`);
    const lines = page.locator("ol.transcript > li");
    expect(await lines.count()).toBe(2);
    expect(await lines.locator(".speaker").allTextContents()).toEqual(["Speaker A", "Speaker B"]);
    const secondStart = Number(await lines.nth(1).getAttribute("data-start"));
    expect(secondStart).toBeGreaterThan(1);
    await page
      .locator("audio")
      .evaluate(
        (a) =>
          new Promise((r) =>
            (a as unknown as { readyState: number }).readyState >= 1 ? r(null) : a.addEventListener("loadedmetadata", r),
          ),
      );
    await lines.nth(1).getByRole("button").click();
    await expect
      .poll(() => page.locator("audio").evaluate((a) => (a as unknown as { currentTime: number }).currentTime))
      .toBeGreaterThanOrEqual(secondStart);
    const firstWord = ((await lines.nth(0).locator(".text").textContent()) ?? "").split(" ")[0] ?? "";
    const secondText = (await lines.nth(1).locator(".text").textContent()) ?? "";
    await page.locator("input[data-transcript-search]").fill(firstWord);
    await expect
      .poll(() => lines.evaluateAll((lis) => lis.filter((li) => !(li as unknown as { hidden: boolean }).hidden).length))
      .toBe(secondText.includes(firstWord) ? 2 : 1);
    await page.locator("input[data-transcript-search]").fill("");
    // Downloads in every format the worker stored.
    const files = await page.locator("ul.files a").allTextContents();
    expect(files).toEqual(expect.arrayContaining(["transcript.json", "transcript.txt", "transcript.srt", "transcript.vtt"]));
    await page.screenshot({ path: path.join(SCREENSHOTS, "transcript.png"), fullPage: true });
  });

  it("lists the team's LoRAs with trigger words and samples, and generates with one from its card", async () => {
    const lora = await completedLoraJob(w.api, { userId: "alice", workspaceId: w.alice.workspaceId }, "tokfox");
    const page = await signedIn(w.alice.key);
    await page.goto(`${w.api.url}/app/loras`);
    const card = page.locator(".loras > li", { hasText: "tokfox" });
    expect(await card.textContent()).toContain("1 version");
    await card.getByLabel("Prompt").fill("tokfox, a fox made of paper");
    await card.getByLabel("Strength").fill("0.8");
    await card.getByRole("button", { name: "Generate with this LoRA" }).click();
    await page.waitForURL((u) => u.pathname.startsWith("/app/jobs/"));
    const jobId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const made = await w.settled(jobId);
    expect(made).toMatchObject({
      status: "completed",
      input: { prompt: "tokfox, a fox made of paper", lora: { jobId: lora, scale: 0.8 } },
    });
    await page.goto(`${w.api.url}/app/loras`);
    expect(await page.locator(".loras > li", { hasText: "tokfox" }).locator(".samples img").count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, "loras.png"), fullPage: true });
  });

  it("charts the workspace's spend by month and type against its budget, with each member's share this month", async () => {
    const now = new Date();
    const monthsAgo = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 10));
    const ws = w.alice.workspaceId;
    await w.api.deps.sql.db
      .insert(quotas)
      .values({ workspaceId: ws, monthlyCostLimitUsd: "5.00", userMonthlyCostLimitUsd: "3.00" })
      .onConflictDoNothing();
    const row = (userId: string, jobType: "image-generation" | "transcription" | "lora-training", costUsd: string, createdAt: Date) => ({
      workspaceId: ws,
      userId,
      jobId: randomUUID(),
      jobType,
      costUsd,
      createdAt,
    });
    await w.api.deps.sql.db.insert(usageLedger).values([
      row("alice", "lora-training", "2.00", monthsAgo(0)),
      row("bob", "image-generation", "0.50", monthsAgo(0)),
      row("alice", "image-generation", "1.25", monthsAgo(1)),
      row("bob", "transcription", "0.40", monthsAgo(3)),
      // Another workspace's spend is none of this page's business.
      { ...row("eve", "lora-training", "9.00", monthsAgo(0)), workspaceId: eve.workspaceId },
    ]);
    const page = await signedIn(w.alice.key);
    await page.goto(`${w.api.url}/app/usage`);
    const bars = await page.locator("svg.chart rect title").allTextContents();
    const thisMonth = now.toISOString().slice(0, 7);
    expect(bars).toContain(`${thisMonth} LoRA training: $2.00, 1 jobs`);
    expect(bars.filter((t) => t.includes("$9.00"))).toEqual([]);
    expect(await page.locator("svg.chart .budget-line").count()).toBe(1);
    const members = await page.locator("table.usage").first().locator("tbody tr").allTextContents();
    expect(members[0]).toContain("alice");
    expect(members.join()).not.toContain("eve");
    const summary = await page.locator("main > p").first().textContent();
    expect(summary).toMatch(/\$2\.\d\d in \d+ finished jobs, \d+% of the workspace's \$5\.00 budget/);
    await page.screenshot({ path: path.join(SCREENSHOTS, "usage.png"), fullPage: true });
  });
});
