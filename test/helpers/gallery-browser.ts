import type { Browser, Page } from "playwright-core";
import { dataOf, trpcCall } from "./http.js";
import type { WorkingApi } from "./working-api.js";

/** How a browser test opens the gallery: its viewport, touch, language and time zone, and whose key signs in. */
export interface GalleryViewer {
  width: number;
  height: number;
  touch?: boolean;
  locale?: string;
  timezoneId?: string;
  key?: string;
}

/**
 * A new browser context signed in to the gallery as a member (alice unless `key` names another),
 * by a one-time link and its Continue (in the browser's language), on `/app`.
 */
export async function signedInGallery(
  browser: Browser,
  w: WorkingApi,
  viewer: GalleryViewer = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: viewer.width, height: viewer.height },
    hasTouch: viewer.touch ?? false,
    isMobile: viewer.touch ?? false,
    locale: viewer.locale ?? "en-GB",
    timezoneId: viewer.timezoneId ?? "UTC",
  });
  const page = await context.newPage();
  const link = dataOf<{ url: string }>(
    await trpcCall(w.api.app, viewer.key ?? w.alice.key, "gallery.signInLink", undefined, "mutation"),
  ).url;
  await page.goto(link);
  await page.getByRole("button", { name: /^(Continue|Weiter|Continuer)$/ }).click();
  await page.waitForURL(`${w.api.url}/app`);
  // Every browser test lays the gallery out as browsers do a page with its doctype, never in quirks mode.
  const mode = await page.evaluate("document.compatMode");
  if (mode !== "CSS1Compat") throw new Error(`the gallery renders in ${String(mode)} (quirks mode): a page without <!doctype html>`);
  return page;
}
