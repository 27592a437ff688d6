/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { isGalleryPath } from "../../../shared/links/gallery-path.js";
import type { AppDeps } from "../../deps.js";
import { csrfTokenMatches, sameOrigin } from "../csrf.js";
import type { WebEnv } from "../env.js";
import { readForm } from "../form.js";
import { inViewerLocale } from "../locale/current.js";
import { problemText } from "../locale/layout-text.js";
import { LANGUAGE_COOKIE, isLocale } from "../locale/negotiate.js";
import { MessagePage } from "../pages/layout.js";
import { viewerOf } from "../session.js";

/** A year: the language a viewer picked stays picked, as a site's language setting does. */
const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * The header's language switch: keeps the choice in a cookie and goes back to the page it was
 * made on. Open to signed-out visitors too (the sign-in page has the switch), so it checks what
 * the other forms check when there is a session (its CSRF token) and the origin always.
 */
export function languageRoutes(deps: AppDeps) {
  const language = new Hono<WebEnv>();
  language.post("/language", async (c) => {
    const form = await readForm(c, deps);
    const session = c.get("session");
    const token = typeof form._csrf === "string" ? form._csrf : undefined;
    const text = inViewerLocale(problemText);
    if (!sameOrigin(c, deps) || (session && !csrfTokenMatches(session, token))) {
      return c.html(<MessagePage title={text.refused} message={text.notFromGalleryReload} viewer={viewerOf(c)} />, 403);
    }
    const picked = typeof form.language === "string" ? form.language : "";
    if (!isLocale(picked)) return c.html(<MessagePage title={text.badRequest} message={text.unknownLanguage} viewer={viewerOf(c)} />, 400);
    setCookie(c, LANGUAGE_COOKIE, picked, { sameSite: "Lax", path: "/app", maxAge: LANGUAGE_COOKIE_SECONDS });
    return c.redirect(backTo(form.back), 303);
  });
  return language;
}

/** The page the switch was on: a gallery page, or the sign-in page with its link's token (not yet used). */
function backTo(back: unknown): string {
  if (typeof back !== "string") return "/app";
  if (isGalleryPath(back)) return back;
  const signIn = back.startsWith("/app/sign-in?") && isGalleryPath(`/app/x${back.slice("/app/sign-in".length)}`);
  return signIn ? back : "/app";
}
