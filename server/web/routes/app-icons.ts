import { Hono } from "hono";
import { ICON_PNG_SIZES, ICON_SVG, type IconPngSize, iconPng, webManifest } from "../app-icons.js";
import type { WebEnv } from "../env.js";

/** A day: the icons and the manifest change only with a release. */
const CACHE = "public, max-age=86400";

/** The favicon, the home-screen icons and the web app manifest, for everyone (the sign-in page links them too). */
export function appIconRoutes() {
  const icons = new Hono<WebEnv>();
  icons.get("/icon.svg", (c) => {
    c.header("Content-Type", "image/svg+xml");
    c.header("Cache-Control", CACHE);
    return c.body(ICON_SVG);
  });
  icons.get("/:file{icon-[0-9]+\\.png}", async (c) => {
    const size = Number(/\d+/.exec(c.req.param("file"))?.[0]);
    if (!(ICON_PNG_SIZES as readonly number[]).includes(size)) return c.notFound();
    c.header("Content-Type", "image/png");
    c.header("Cache-Control", CACHE);
    return c.body(new Uint8Array(await iconPng(size as IconPngSize)));
  });
  icons.get("/manifest.webmanifest", (c) => {
    c.header("Content-Type", "application/manifest+json");
    c.header("Cache-Control", CACHE);
    return c.body(JSON.stringify(webManifest()));
  });
  return icons;
}
