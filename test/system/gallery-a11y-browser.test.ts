import { randomUUID } from "node:crypto";
import { type Browser, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { quotas } from "../../shared/db/sql/schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { axeViolations, describeViolations } from "../helpers/axe.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { completedLoraJob } from "../helpers/stored-jobs.js";
import { storedMeeting } from "../helpers/stored-meetings.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** The focused element as a keyboard user sees it (this file runs in Node, without the DOM's types). */
interface Focused {
  tag: string;
  name: string;
  /** A focus ring of at least 2 px is drawn. */
  ring: boolean;
  inDialog: boolean;
  inMain: boolean;
  pressed: string | null;
}
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: "BODY", name: "", ring: false, inDialog: false, inMain: false, pressed: null };
  const style = getComputedStyle(el);
  return {
    tag: el.tagName,
    name: (el.getAttribute("aria-label") ?? el.querySelector("img")?.alt ?? el.textContent ?? "").trim(),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    inDialog: Boolean(el.closest("dialog[open]")),
    inMain: Boolean(el.closest("main")),
    pressed: el.getAttribute("aria-pressed"),
  };
})()`;

/**
 * The contrast of each shown form field's edge with what is behind it, lowest first (WCAG 1.4.11
 * asks 3:1 of what identifies a control; axe-core checks text only). A field's own background
 * counts when it differs enough from the page, as a filled field needs no edge.
 */
const FIELD_EDGES = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const behind = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c;
    }
    return [255, 255, 255];
  };
  const fields = [...document.querySelectorAll("input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=range]), select, textarea")];
  return fields
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => {
      const style = getComputedStyle(el);
      const around = behind(el);
      const edge = parseFloat(style.borderTopWidth) > 0 ? ratio(rgb(style.borderTopColor), around) : 1;
      return { field: el.name || el.outerHTML.slice(0, 60), ratio: Math.max(edge, ratio(rgb(style.backgroundColor), around)) };
    })
    .sort((a, b) => a.ratio - b.ratio);
})()`;

/**
 * The gallery's accessibility at a desktop and a phone width, in Debian's Chromium against the
 * whole API: axe-core on every page as served (its CSP and all) with no serious or critical
 * violation, each page checked with its content in place (a job page of each type, a board with
 * a picture, the editors, the lightbox open, the pages that say something went wrong); the phone
 * layout measured (filters collapsed, usage tables and a LoRA's form within their width); and one
 * flow walked by keyboard alone, from the skip link to a Vary.
 */
describe.each([
  ["desktop", { width: 1280, height: 900 }],
  ["phone", { width: 390, height: 844 }],
])("the gallery's accessibility on a %s", (width, viewport) => {
  const w = useWorkingApi({ publicUrl: true, processingMs: 200 });
  let browser: Browser;
  let image: PublicJob;
  let transcript: PublicJob;
  let lora: string;
  let boardId: string;

  const signInLink = async (key: string) =>
    dataOf<{ url: string }>(await trpcCall(w.api.app, key, "gallery.signInLink", undefined, "mutation")).url;
  async function signedIn(): Promise<Page> {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(await signInLink(w.alice.key));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    return page;
  }
  /** Checks the page as it is now; the test says every page's findings at its end, not only the first page's. */
  const found: Record<string, string> = {};
  async function check(page: Page, name = new URL(page.url()).pathname + new URL(page.url()).search) {
    const violations = await axeViolations(page);
    if (violations.length > 0) found[`${name} at ${viewport.width} px`] = describeViolations(violations);
  }
  function expectClean() {
    const entries = Object.entries(found);
    for (const [page] of entries) delete found[page];
    expect(entries.length, entries.map(([page, v]) => `${page}:\n${v}`).join("\n\n")).toBe(0);
  }

  beforeAll(async () => {
    const executablePath = inject("chromiumPath");
    expect(executablePath, "Debian's chromium must be installed (the test setup installs it as root)").not.toBe("");
    browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
    image = await w.settled(await w.create({ type: "image-generation", prompt: "a heron in reeds", count: 2, seed: "3" }));
    const wav = makeWav(4);
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
    transcript = await w.settled(await w.create({ type: "transcription", uploadKey: up.uploadKey, speakerLabels: true }));
    lora = await completedLoraJob(w.api, { userId: "alice", workspaceId: w.alice.workspaceId }, "tokheron");
    boardId = dataOf<{ boardId: string }>(await trpcCall(w.api.app, w.alice.key, "boards.create", { name: "Shore" }, "mutation")).boardId;
    await trpcCall(w.api.app, w.alice.key, "boards.add", { boardId, pictures: [{ jobId: image.jobId, picture: 1 }] }, "mutation");
    await trpcCall(w.api.app, w.alice.key, "favourites.add", { jobId: image.jobId, picture: 2 }, "mutation");
    expect([image.status, transcript.status]).toEqual(["completed", "completed"]);
    await storedMeeting(w.api, { userId: "alice", workspaceId: w.alice.workspaceId }, [["A", "The harbour budget for next quarter."]]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(`${width}: the signed-in pages, each job type's page and the editors have no serious or critical violation`, async () => {
    const page = await signedIn();
    for (const path of [
      "/app",
      "/app?type=transcription",
      `/app/jobs/${image.jobId}`,
      `/app/jobs/${transcript.jobId}`,
      `/app/jobs/${lora}`,
      `/app/jobs/${image.jobId}/pictures/1/region`,
      `/app/jobs/${image.jobId}/pictures/1/zoom`,
      `/app/jobs/${image.jobId}/pictures/1/zoom?mode=pan`,
      "/app/loras",
      "/app/usage",
      `/app/meetings?q=${encodeURIComponent('harbour "next quarter"')}`,
      "/app/favourites",
      "/app/boards",
      `/app/boards/${boardId}`,
    ]) {
      await page.goto(`${w.api.url}${path}`);
      await page.waitForLoadState("load");
      await check(page);
    }
    expectClean();
    await page.context().close();
  });

  it(`${width}: the filters are collapsed on a phone and open on a desktop; usage tables and a LoRA's form fit their width`, async () => {
    const phone = viewport.width <= 600;
    // A member budget adds the usage table's widest column, "Of budget".
    await w.api.deps.sql.db
      .insert(quotas)
      .values({ workspaceId: w.alice.workspaceId, monthlyCostLimitUsd: "50.00", userMonthlyCostLimitUsd: "20.00" })
      .onConflictDoNothing();
    const page = await signedIn();
    const box = async (selector: string) => {
      const b = await page.locator(selector).first().boundingBox();
      if (!b) throw new Error(`${selector} is not shown`);
      return b;
    };
    const pageWidth = () => page.evaluate("document.documentElement.scrollWidth") as Promise<number>;

    const filters = page.locator("details[data-filters]");
    const search = page.getByLabel("Search");
    await expect.poll(() => filters.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(!phone);
    expect(await search.isVisible()).toBe(!phone);
    if (phone) {
      // The first picture is on the first screen, under the create bar's prompt and the closed options and filters.
      expect((await box("ul.grid > li.tile")).y).toBeLessThan(viewport.height - 100);
      await page.getByText("Filters", { exact: true }).click();
      await expect.poll(() => search.isVisible()).toBe(true);
      await search.fill("heron");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/q=heron/);
      await expect(page.locator("details[data-filters] > summary").textContent()).resolves.toBe("Filters (1 on)");
    } else {
      expect(await page.locator("details[data-filters] > summary").isVisible()).toBe(false);
    }
    expect(await pageWidth()).toBeLessThanOrEqual(viewport.width);

    await page.goto(`${w.api.url}/app/usage`);
    expect(await pageWidth()).toBeLessThanOrEqual(viewport.width);
    for (const table of await page.locator("table.usage").all()) {
      const t = await table.boundingBox();
      expect(t && t.x >= 0 && t.x + t.width <= viewport.width, `a usage table spans ${JSON.stringify(t)}`).toBe(true);
      const total = await table.getByRole("columnheader", { name: "Total" }).boundingBox();
      expect(total && total.x + total.width <= viewport.width, `Total spans ${JSON.stringify(total)}`).toBe(true);
      for (const cell of await table.locator("th, td").all()) {
        const c = await cell.boundingBox();
        expect(c && c.x + c.width <= viewport.width + 0.5, `a cell spans ${JSON.stringify(c)}`).toBe(true);
      }
    }
    expect(await page.locator("table.usage").first().getByRole("columnheader").allTextContents()).toContain("Of budget");

    await page.goto(`${w.api.url}/app/loras`);
    expect(await pageWidth()).toBeLessThanOrEqual(viewport.width);
    const card = await box(".loras > li");
    for (const selector of [".loras > li button[type=submit]", ".loras > li input[name=prompt]", ".loras > li input[name=scale]"]) {
      const b = await box(selector);
      expect(
        b.x >= card.x && b.x + b.width <= card.x + card.width,
        `${selector} spans ${JSON.stringify(b)}, its card ${JSON.stringify(card)}`,
      ).toBe(true);
    }
    await page.context().close();
  });

  it(`${width}: the lightbox open over the gallery has no serious or critical violation`, async () => {
    const page = await signedIn();
    await page.getByRole("img", { name: "a heron in reeds (1 of 2)" }).click();
    const dialog = page.locator("dialog.lightbox");
    await expect.poll(() => dialog.evaluate((d) => (d as unknown as { open: boolean }).open)).toBe(true);
    await check(page, "/app with the lightbox open");
    expectClean();
    await page.context().close();
  });

  it(`${width}: by keyboard alone: skip to the content, open a picture, favourite it, open its job page and run Vary on it`, async () => {
    const page = await signedIn();
    const focused = () => page.evaluate(FOCUSED) as Promise<Focused>;
    /** Presses Tab (or Shift+Tab) until the focus is on what `wanted` picks; every stop on the way shows its focus ring. */
    async function tabTo(wanted: (f: Focused) => boolean, shift = false): Promise<Focused> {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
        const f = await focused();
        expect(f.ring, `${f.tag} "${f.name}" (${await page.evaluate("document.activeElement.outerHTML")}) has no visible focus`).toBe(true);
        if (wanted(f)) return f;
      }
      throw new Error("Tab never reached it");
    }
    const picture = "a heron in reeds (1 of 2)";
    const dialogOpen = () => page.locator("dialog.lightbox").evaluate((d) => (d as unknown as { open: boolean }).open);

    // The first Tab reaches the skip link, shown on the screen; it leads past the header to the page's content.
    await page.keyboard.press("Tab");
    const skip = await focused();
    expect(skip).toMatchObject({ tag: "A", name: "Skip to content", ring: true });
    const at = await page.locator("a.skip").boundingBox();
    expect(at && at.x >= 0 && at.y >= 0 && at.x + at.width <= viewport.width).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await focused()).tag).toBe("MAIN");
    expect((await tabTo(() => true)).inMain).toBe(true);

    // Enter on a picture opens it in the lightbox; Tab and Shift+Tab stay inside; Escape returns to the picture.
    await tabTo((f) => f.tag === "A" && f.name === picture);
    await page.keyboard.press("Enter");
    await expect.poll(dialogOpen).toBe(true);
    expect((await focused()).inDialog).toBe(true);
    for (const key of ["Tab", "Tab", "Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"]) {
      await page.keyboard.press(key);
      const f = await focused();
      expect(f.inDialog, `${key} left the lightbox for ${f.tag} "${f.name}"`).toBe(true);
      expect(f.ring).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect.poll(dialogOpen).toBe(false);
    expect(await focused()).toMatchObject({ tag: "A", name: picture });

    // The picture's star is just before it: Space makes it a favourite, and the focus stays on it.
    expect(await tabTo(() => true, true)).toMatchObject({ tag: "BUTTON", name: `Favourite ${picture}`, pressed: "false" });
    await page.keyboard.press("Space");
    await expect.poll(async () => (await focused()).pressed).toBe("true");
    expect(await focused()).toMatchObject({ tag: "BUTTON", name: `Favourite ${picture}` });
    const favourites = dataOf<{ items: Array<{ job: { jobId: string }; picture: number }> }>(
      await trpcCall(w.api.app, w.alice.key, "favourites.list", {}, "query"),
    ).items.map((i) => `${i.job.jobId}/${i.picture}`);
    expect(favourites).toContain(`${image.jobId}/1`);

    // Back to the picture, into the lightbox, and on to its job's page.
    await tabTo((f) => f.tag === "A" && f.name === picture);
    await page.keyboard.press("Enter");
    await expect.poll(dialogOpen).toBe(true);
    await tabTo((f) => f.inDialog && f.name === "Open job");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${w.api.url}/app/jobs/${image.jobId}`);

    // Vary on the job page, by Enter on its button: the new job's page, and a variation of picture 1.
    await tabTo((f) => f.tag === "BUTTON" && f.name === "Vary picture 1");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname.startsWith("/app/jobs/") && !u.pathname.endsWith(image.jobId));
    const made = await w.settled(new URL(page.url()).pathname.split("/").pop() ?? "");
    expect(made).toMatchObject({ status: "completed", parent: { jobId: image.jobId, image: 1 }, input: { operation: "vary" } });
    await page.context().close();
  });

  it(`${width}: each picture's buttons, links and fields on a two-picture job page have names of their own, in English, German and French`, async () => {
    const page = await signedIn();
    for (const [language, upscale2] of [
      ["en", "Upscale picture 2"],
      ["de", "Hochskalieren (Bild 2)"],
      ["fr", "Agrandir (image 2)"],
    ] as const) {
      await page.context().addCookies([{ name: "gallery_language", value: language, url: w.api.url }]);
      await page.goto(`${w.api.url}/app/jobs/${image.jobId}`);
      const names = [...(await page.locator("ul.pictures").ariaSnapshot()).matchAll(/- (button|link|textbox) "([^"]+)"/g)].map(
        (m) => `${m[1]} ${m[2]}`,
      );
      expect(names.length, language).toBeGreaterThan(20);
      expect(
        names.filter((n, i) => names.indexOf(n) !== i),
        language,
      ).toEqual([]);
      expect(names, language).toContain(`button ${upscale2}`);
    }
    await page.context().close();
  });

  it(`${width}: every form field's edge contrasts at least 3:1 with what is behind it`, async () => {
    const page = await signedIn();
    const low: string[] = [];
    for (const path of ["/app", "/app/loras", "/app/boards", `/app/jobs/${image.jobId}`, `/app/jobs/${image.jobId}/pictures/1/zoom`]) {
      await page.goto(`${w.api.url}${path}`);
      const edges = (await page.evaluate(FIELD_EDGES)) as Array<{ field: string; ratio: number }>;
      expect(edges.length, `${path} shows form fields`).toBeGreaterThan(0);
      for (const e of edges) if (e.ratio < 3) low.push(`${path} ${e.field}: ${e.ratio.toFixed(2)}:1`);
    }
    expect(low).toEqual([]);
    await page.context().close();
  });

  it(`${width}: the sign-in page and the problem pages (404, 403, 401) have no serious or critical violation`, async () => {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(await signInLink(w.alice.key));
    await check(page, "the sign-in page");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${w.api.url}/app`);
    expect((await page.goto(`${w.api.url}/app/jobs/${randomUUID()}`))?.status()).toBe(404);
    await check(page, "404");
    // Sign-out with a wrong CSRF token: the gallery's "Refused" page.
    await page.locator("form[action='/app/sign-out'] input[name=_csrf]").evaluate((i) => {
      (i as unknown as { value: string }).value = "wrong";
    });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/app/sign-out")),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await page.waitForLoadState("load");
    await check(page, "403");
    await page.context().clearCookies();
    expect((await page.goto(`${w.api.url}/app`))?.status()).toBe(401);
    await check(page, "401");
    expectClean();
    await page.context().close();
  });
});
