import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { type ActiveSession, SESSION_TTL_MS, findSession } from "../../shared/db/sql/web-sessions.js";
import type { Principal } from "../../jobs/principal.js";
import type { AppDeps } from "../deps.js";
import type { WebContext, WebEnv } from "./env.js";
import type { Viewer } from "./pages/layout.js";
import { timed } from "./server-timing.js";

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
    const session = token ? await timed(c, "session", findSession(deps.sql.db, token)) : undefined;
    if (session) {
      c.set("session", session);
      c.set("principal", sessionPrincipal(session));
    }
    await next();
  };
}

/** Who the page is for, as the page layout shows them; none when signed out. */
export function viewerOf(c: WebContext): Viewer | undefined {
  const s = c.get("session");
  return s ? { userId: s.userId, workspaceSlug: s.workspaceSlug, csrfToken: s.csrfToken } : undefined;
}
