import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { ChatLocale, Localized } from "../../../shared/chat/locale/languages.js";
import type { WebEnv } from "../env.js";
import { LANGUAGE_COOKIE, formatLocale, negotiateLocale } from "./negotiate.js";

interface PageRequest {
  locale: ChatLocale;
  /** The locale its dates and numbers are written in (formatLocale): `en-GB` for a British reader of the English pages. */
  formatLocale: string;
  /** The page's path and query, where the language switch brings the viewer back to. */
  path: string;
}

/**
 * The request a page is rendered for. Hono JSX renders inside the request's handler, so every
 * component reads the viewer's language from here instead of each page passing it down to each
 * tile, form and label it draws.
 */
const pageRequest = new AsyncLocalStorage<PageRequest>();

/** Picks the viewer's language for everything below it, and says that the pages differ by it. */
export function webLocale(): MiddlewareHandler<WebEnv> {
  return createMiddleware<WebEnv>(async (c, next) => {
    const acceptLanguage = c.req.header("accept-language");
    const locale = negotiateLocale(getCookie(c, LANGUAGE_COOKIE), acceptLanguage);
    const url = new URL(c.req.url);
    await pageRequest.run({ locale, formatLocale: formatLocale(locale, acceptLanguage), path: `${url.pathname}${url.search}` }, next);
    // A cache must not hand a German page to a French reader: a page's language comes from these two headers.
    if (c.res.headers.get("content-type")?.startsWith("text/html")) c.header("Vary", "Accept-Language, Cookie", { append: true });
  });
}

/** The language of the page being rendered; English outside a gallery request (a test rendering a component). */
export function currentLocale(): ChatLocale {
  return pageRequest.getStore()?.locale ?? "en";
}

/** The locale the page being rendered writes dates in; its language outside a gallery request. */
export function currentFormatLocale(): string {
  return pageRequest.getStore()?.formatLocale ?? currentLocale();
}

export function currentPath(): string {
  return pageRequest.getStore()?.path ?? "/app";
}

/** Runs `render` as if for a viewer of `locale`: how tests and tools render a page outside a request. */
export function inLocale<T>(locale: ChatLocale, render: () => T, path = "/app"): T {
  return pageRequest.run({ locale, formatLocale: locale, path }, render);
}

/** A text table's entry in the language of the page being rendered. */
export function inViewerLocale<T>(table: Localized<T>): T {
  return table[currentLocale()];
}
