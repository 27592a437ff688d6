import type { MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { presignDownload } from "../../shared/storage/presign.js";
import type { AppDeps } from "../deps.js";
import type { WebEnv } from "./env.js";

/**
 * The gallery's response headers: a Content-Security-Policy that lets pictures, audio and video come
 * from the bucket's origin only (a clip's link on the gallery redirects there), no framing, and no caching unless a route said otherwise.
 */
export function securityHeaders(deps: Pick<AppDeps, "storage">): MiddlewareHandler<WebEnv> {
  const storageOrigin = presignDownload(deps.storage, "thumbnails/origin-probe").then((p) => new URL(p.url).origin);
  return createMiddleware<WebEnv>(async (c, next) => {
    await next();
    c.header(
      "Content-Security-Policy",
      `default-src 'self'; img-src 'self' ${await storageOrigin}; media-src 'self' ${await storageOrigin}; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'`,
    );
    // frame-ancestors' twin for browsers that predate it: no page of the gallery in a frame.
    c.header("X-Frame-Options", "DENY");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
}
