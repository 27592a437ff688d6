import { timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type ActiveSession, SESSION_TTL_MS, findSession } from "../../shared/db/sql/web-sessions.js";
import type { Principal } from "../../jobs/principal.js";
import type { AppDeps } from "../deps.js";

export type WebEnv = {
  Variables: { requestId: string; session?: ActiveSession; principal?: Principal; clientAddress?: string };
};

/**
 * In production the cookie is `__Host-` prefixed: the browser then keeps it only when it is
 * Secure, for this host alone, path /; over plain http on a laptop that prefix would be refused.
 */
export function sessionCookieName(deps: Pick<AppDeps, "config">): string {
  return secureCookies(deps) ? "__Host-cg_session" : "cg_session";
}

function secureCookies(deps: Pick<AppDeps, "config">): boolean {
  return deps.config.env === "production" || (deps.config.publicUrl?.startsWith("https:") ?? false);
}

export function setSessionCookie(c: Context, deps: Pick<AppDeps, "config">, token: string): void {
  setCookie(c, sessionCookieName(deps), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: secureCookies(deps),
    path: "/",
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, deps: Pick<AppDeps, "config">): void {
  deleteCookie(c, sessionCookieName(deps), { path: "/", secure: secureCookies(deps) });
}

export function sessionPrincipal(session: ActiveSession): Principal {
  return {
    workspaceId: session.workspaceId,
    workspaceSlug: session.workspaceSlug,
    userId: session.userId,
    keyId: `session:${session.id}`,
    via: "web-session",
  };
}

/** Reads the session cookie on every gallery request; pages and procedures decide what a missing one means. */
export function loadSession(deps: AppDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(deps));
    const session = token ? await findSession(deps.sql.db, token) : undefined;
    if (session) {
      c.set("session", session);
      c.set("principal", sessionPrincipal(session));
    }
    await next();
  };
}

/**
 * Cross-site request forgery: a change is accepted only with the session's CSRF token (a form
 * field or the `x-csrf-token` header, which a cross-site page cannot read or set), and never from
 * another origin when the browser says where the request came from. The gallery's origin is
 * PUBLIC_URL's (required in production): behind a TLS-terminating proxy such as Fly's edge the
 * request reaches us as http://, while the browser's Origin says https://.
 */
export function sameOrigin(c: Context, deps: Pick<AppDeps, "config">): boolean {
  const origin = c.req.header("origin");
  if (!origin) return c.req.header("sec-fetch-site") !== "cross-site";
  return origin === (deps.config.publicUrl ? new URL(deps.config.publicUrl).origin : new URL(c.req.url).origin);
}

export function csrfTokenMatches(session: ActiveSession, sent: string | undefined | null): boolean {
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
