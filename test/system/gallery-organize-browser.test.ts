import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { readObject } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** The few DOM members the page functions read (this file runs in Node, without the DOM's types). */
type Img = { alt: string };

/**
 * Organizing the gallery in a real headless Chromium, on a desktop and a phone width: favourites,
 * boards shared with a teammate, and the selection bar. Pictures come from the fal emulator
 * through the real worker, so their thumbnails load as in use.
 */
describe.each([
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
])("organizing the gallery on a %s", (width, viewport) => {
  const w = useWorkingApi({ publicUrl: true, processingMs: 300 });
  let browser: Browser;
  let bob: Awaited<ReturnType<typeof w.api.member>>;
  const jobs: Record<string, PublicJob> = {};

  const signInLink = async (key: string) =>
    dataOf<{ url: string }>(await trpcCall(w.api.app, key, "gallery.signInLink", undefined, "mutation")).url;
  async function signedIn(key: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, viewport });
    const page = await context.newPage();
    await page.goto(await signInLink(key));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    return page;
  }
  /** A bulk action's form post answers 303 back to the gallery page it came from: waits for that page to load again. */
  async function backToGallery(page: Page, act: () => Promise<void>): Promise<void> {
    const loaded = page.waitForEvent("framenavigated", (frame) => frame === page.mainFrame());
    await act();
    await loaded;
    await page.waitForLoadState("load");
    expect(new URL(page.url()).pathname).toBe("/app");
  }
  const alts = (page: Page) => page.locator("ul.grid > li.tile img").evaluateAll((imgs) => imgs.map((i) => (i as unknown as Img).alt));

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    bob = await w.api.member("acme", "bob");
    // One after another, so the gallery's newest-first order is known.
    for (const [name, prompt, imageSize] of [
      ["heron", "a heron in reeds", "portrait_4_3"],
      ["kite", "a kite over dunes", "landscape_16_9"],
      ["moth", "a moth on bark", "square"],
    ] as const) {
      jobs[name] = await w.settled(await w.create({ type: "image-generation", prompt, imageSize, seed: "5" }));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(`${width}: a picture's star makes it a favourite, shown on the Favourites page and nowhere for a teammate`, async () => {
    const page = await signedIn(w.alice.key);
    const star = page.getByRole("button", { name: "Favourite a kite over dunes" });
    await expect(star.getAttribute("aria-pressed")).resolves.toBe("false");
    await star.click();
    await expect.poll(() => star.getAttribute("aria-pressed")).toBe("true");
    await page.getByRole("link", { name: "Favourites" }).click();
    await page.waitForURL(`${w.api.url}/app/favourites`);
    expect(await alts(page)).toEqual(["a kite over dunes"]);
    // Pressed again it is off, and the page no longer lists it.
    await page.getByRole("button", { name: "Favourite a kite over dunes" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Favourite a kite over dunes" }).getAttribute("aria-pressed")).toBe("false");
    await page.reload();
    expect(await alts(page)).toEqual([]);
    await page.goto(`${w.api.url}/app`);
    await page.getByRole("button", { name: "Favourite a moth on bark" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Favourite a moth on bark" }).getAttribute("aria-pressed")).toBe("true");

    const bobs = await signedIn(bob.key);
    await bobs.goto(`${w.api.url}/app/favourites`);
    await expect(bobs.locator("p.empty").textContent()).resolves.toContain("No favourites yet");
    await page.context().close();
    await bobs.context().close();
  });

  it(`${width}: a board made by one member, two pictures put on it from the selection, seen by a teammate`, async () => {
    const page = await signedIn(w.alice.key);
    await page.getByRole("link", { name: "Boards" }).click();
    await page.getByLabel("New board").fill(`Shore ${width}`);
    await page.getByRole("button", { name: "Create board" }).click();
    await page.waitForURL(/\/app\/boards\/[0-9a-f-]{36}$/);
    await expect(page.locator("p.empty").textContent()).resolves.toContain("Nothing on this board yet");

    await page.goto(`${w.api.url}/app`);
    await page.getByRole("checkbox", { name: "Select a heron in reeds" }).check();
    await page.getByRole("checkbox", { name: "Select a moth on bark" }).check();
    await expect(page.locator("form#selection output.count").textContent()).resolves.toBe("2 selected");
    await page.getByLabel("Board").selectOption({ label: `Shore ${width}` });
    await page.getByRole("button", { name: "Add to board" }).click();
    await page.waitForURL(/\/app\/boards\/[0-9a-f-]{36}$/);
    const boardUrl = page.url();
    expect(new Set(await alts(page))).toEqual(new Set(["a heron in reeds", "a moth on bark"]));

    const bobs = await signedIn(bob.key);
    await bobs.getByRole("link", { name: "Boards" }).click();
    await expect(bobs.locator("ul.boards").textContent()).resolves.toMatch(new RegExp(`Shore ${width}\\s*2 pictures · by alice`));
    await bobs.getByRole("link", { name: `Shore ${width}` }).click();
    await bobs.waitForURL(boardUrl);
    expect(new Set(await alts(bobs))).toEqual(new Set(["a heron in reeds", "a moth on bark"]));
    // Bob may take a picture off the shared board, but not delete alice's board.
    await bobs.getByRole("checkbox", { name: "Select a moth on bark" }).check();
    await bobs.getByRole("button", { name: "Take off this board" }).click();
    await bobs.waitForURL(boardUrl);
    expect(await alts(bobs)).toEqual(["a heron in reeds"]);
    await bobs.locator("details.board-edit summary").click();
    await bobs.getByRole("button", { name: "Delete board" }).click();
    await expect(bobs.locator("section.message").textContent()).resolves.toContain("only the board's creator (alice)");
    await page.context().close();
    await bobs.context().close();
  });

  it(`${width}: shift-click ticks the range between two pictures`, async () => {
    const page = await signedIn(w.alice.key);
    await page.getByRole("checkbox", { name: "Select a moth on bark" }).click();
    await page.getByRole("checkbox", { name: "Select a heron in reeds" }).click({ modifiers: ["Shift"] });
    await expect(page.locator("form#selection output.count").textContent()).resolves.toBe("3 selected");
    expect(await page.getByRole("checkbox", { name: "Select a kite over dunes" }).isChecked()).toBe(true);
    await page.context().close();
  });

  it(`${width}: three ticked pictures download as one zip that holds each picture's bytes`, async () => {
    const page = await signedIn(w.alice.key);
    for (const name of ["a heron in reeds", "a kite over dunes", "a moth on bark"])
      await page.getByRole("checkbox", { name: `Select ${name}` }).check();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download zip" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^pictures-\d{4}-\d{2}-\d{2}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile(await download.path())));
    const expected = new Map<string, Buffer>();
    for (const job of [jobs.heron, jobs.kite, jobs.moth]) {
      const latest = job?.versions.at(-1);
      const key = latest && "images" in latest ? latest.images[0]?.s3Key : undefined;
      expect(key).toBeDefined();
      expected.set(job?.jobId ?? "", await readObject(w.api.deps.storage, key ?? ""));
    }
    expect(Object.keys(entries).sort()).toEqual(
      [
        `a-heron-in-reeds-${jobs.heron?.jobId}-1.png`,
        `a-kite-over-dunes-${jobs.kite?.jobId}-1.png`,
        `a-moth-on-bark-${jobs.moth?.jobId}-1.png`,
      ].sort(),
    );
    for (const [name, bytes] of Object.entries(entries)) {
      const jobId = /-([0-9a-f-]{36})-1\.png$/.exec(name)?.[1] ?? "";
      expect(Buffer.from(bytes).equals(expected.get(jobId) ?? Buffer.alloc(0)), name).toBe(true);
    }
    // Another member's private picture is refused before a byte is sent.
    const secret = dataOf<{ jobId: string }>(
      await trpcCall(
        w.api.app,
        bob.key,
        "jobs.create",
        { type: "image-generation", prompt: "bob's own", visibility: "private" },
        "mutation",
      ),
    ).jobId;
    const refused = await page.request.get(`${w.api.url}/app/zip?p=${jobs.heron?.jobId}/1&p=${secret}/1`);
    expect(refused.status()).toBe(404);
    expect(refused.headers()["content-type"]).toContain("text/html");
    await page.context().close();
  });

  it(`${width}: share makes a ticked private picture the team's; delete removes the ticked pictures' jobs`, async () => {
    const secret = await w.settled(
      await w.create({ type: "image-generation", prompt: `a private gull ${width}`, visibility: "private", seed: "9" }),
    );
    const doomed = await w.settled(await w.create({ type: "image-generation", prompt: `a doomed crab ${width}`, seed: "10" }));
    const bobSees = async () => {
      const list = dataOf<{ items: Array<{ jobId: string }> }>(await trpcCall(w.api.app, bob.key, "jobs.list", { limit: 100 }, "query"));
      return list.items.map((j) => j.jobId);
    };
    expect(await bobSees()).not.toContain(secret.jobId);
    const page = await signedIn(w.alice.key);
    await page.getByRole("checkbox", { name: `Select a private gull ${width}` }).check();
    await backToGallery(page, () => page.getByRole("button", { name: "Share" }).click());
    expect(await bobSees()).toContain(secret.jobId);

    await page.getByRole("checkbox", { name: `Select a doomed crab ${width}` }).check();
    page.once("dialog", (dialog) => void dialog.accept());
    await backToGallery(page, () => page.getByRole("button", { name: "Delete" }).click());
    expect(await alts(page)).not.toContain(`a doomed crab ${width}`);
    expect((await trpcCall(w.api.app, w.alice.key, "jobs.get", { jobId: doomed.jobId }, "query")).status).toBe(404);

    // Bob may not delete alice's pictures: nothing of the selection is deleted.
    const bobs = await signedIn(bob.key);
    await bobs.getByRole("checkbox", { name: "Select a heron in reeds" }).check();
    bobs.once("dialog", (dialog) => void dialog.accept());
    await bobs.getByRole("button", { name: "Delete" }).click();
    await expect(bobs.locator("section.message").textContent()).resolves.toContain("Only its owner can delete a job");
    expect((await trpcCall(w.api.app, w.alice.key, "jobs.get", { jobId: jobs.heron?.jobId }, "query")).status).toBe(200);
    await page.context().close();
    await bobs.context().close();
  });
});
