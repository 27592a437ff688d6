import type { MiddlewareHandler } from "hono";
import { setMetric, timing } from "hono/timing";
import type { WebContext, WebEnv } from "./env.js";

/**
 * A `Server-Timing` header on every gallery answer: the session check, each read a page makes and
 * its rendering, by name, so a slow page says where its time went (in the browser's network panel,
 * and in the gallery bench's breakdown). Durations only, readable by the page's own origin.
 */
export function serverTiming(): MiddlewareHandler<WebEnv> {
  return timing({ total: true, crossOrigin: false });
}

/** Runs one step of a request and records how long it took under `name`. */
export async function timed<T>(c: WebContext, name: string, step: Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step;
  } finally {
    setMetric(c, name, performance.now() - start);
  }
}

/** Renders a page to its HTML (Hono JSX renders lazily, so c.html alone would hide the time), recording it as `render`. */
export async function timedHtml(c: WebContext, page: { toString(): string | Promise<string> }, status?: 200 | 401 | 404) {
  const start = performance.now();
  const html = await page.toString();
  setMetric(c, "render", performance.now() - start);
  return status ? c.html(html, status) : c.html(html);
}
