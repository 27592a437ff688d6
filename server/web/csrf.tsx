/** @jsxImportSource hono/jsx */
import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { createMiddleware } from "hono/factory";
import type { ActiveSession } from "../../shared/db/sql/web-sessions.js";
import type { AppDeps } from "../deps.js";
import type { WebContext, WebEnv } from "./env.js";
import { readForm } from "./form.js";
import { inViewerLocale } from "./locale/current.js";
import { problemText } from "./locale/layout-text.js";
import { MessagePage } from "./pages/layout.js";
import { viewerOf } from "./session.js";

/**
 * Cross-site request forgery: a change is accepted only with the session's CSRF token (a form
 * field or the `x-csrf-token` header, which a cross-site page cannot read or set), and never from
 * another origin when the browser says where the request came from. The gallery's origin is
 * PUBLIC_URL's (required in production): behind a TLS-terminating proxy such as Fly's edge the
 * request reaches us as http://, while the browser's Origin says https://. Without PUBLIC_URL it is
 * the address the server listens on (PORT, by any loopback name) or API_URL's; never the request's Host header, which the sender writes: a page whose name
 * resolves to this server (DNS rebinding) sends a Host and an Origin that agree.
 */
export function sameOrigin(c: Context, deps: Pick<AppDeps, "config">): boolean {
  const origin = c.req.header("origin");
  if (!origin) return c.req.header("sec-fetch-site") !== "cross-site";
  return galleryOrigins(deps.config).has(origin);
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];
const originsByConfig = new WeakMap<object, Set<string>>();

function galleryOrigins(config: AppDeps["config"]): Set<string> {
  let origins = originsByConfig.get(config);
  if (!origins) {
    if (config.publicUrl) origins = new Set([new URL(config.publicUrl).origin]);
    else {
      // The port the server listens on, by each loopback name, and API_URL's origin (the bots' and the CLI's way in).
      origins = new Set([new URL(config.chat.apiUrl).origin]);
      for (const name of LOOPBACK_NAMES) origins.add(new URL(`http://${name}:${config.port}`).origin);
    }
    originsByConfig.set(config, origins);
  }
  return origins;
}

export function csrfTokenMatches(session: ActiveSession, sent: string | undefined | null): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Changes need the page's CSRF token (a form field or, from the script, a header), from this origin. */
export function requireCsrfToken(deps: Pick<AppDeps, "config" | "logger">): MiddlewareHandler<WebEnv> {
  return createMiddleware<WebEnv>(async (c, next) => {
    const session = c.get("session");
    const sent = c.req.header("x-csrf-token") ?? (c.req.path.startsWith("/app/trpc") ? undefined : await formField(c, deps, "_csrf"));
    if (!session || !sameOrigin(c, deps) || !csrfTokenMatches(session, sent)) {
      return c.req.path.startsWith("/app/trpc")
        ? c.json({ error: { code: "FORBIDDEN", message: "missing or wrong CSRF token" } }, 403)
        : c.html(
            <MessagePage
              title={inViewerLocale(problemText).refused}
              message={inViewerLocale(problemText).notFromGalleryReload}
              viewer={viewerOf(c)}
            />,
            403,
          );
    }
    return next();
  });
}

async function formField(c: WebContext, deps: Pick<AppDeps, "logger">, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  const value = (await readForm(c, deps))[name];
  return typeof value === "string" ? value : undefined;
}
