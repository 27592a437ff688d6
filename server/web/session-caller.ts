import { clientAddress } from "../auth/client-address.js";
import type { AppDeps } from "../deps.js";
import { type Context, createContext } from "../trpc/context.js";
import { createCaller } from "../trpc/router.js";
import type { WebContext } from "./env.js";
import { PageRefusal } from "./page-refusal.js";

/** The tRPC context of a gallery request: the signed-in member, as the API's own context would have it. */
export function sessionContext(deps: AppDeps, c: WebContext): Context {
  const principal = c.get("principal");
  return createContext(deps, {
    requestId: c.get("requestId"),
    auth: principal ? { ok: true, principal } : { ok: false, reason: "sign in to the gallery first" },
    baseUrl: deps.config.publicUrl ?? new URL(c.req.url).origin,
    clientAddress: clientAddress(c, deps.config.trustProxy),
  });
}

/**
 * The pages read and act through the same tRPC procedures as the API and the bots, with a
 * server-side caller, so a changed procedure breaks these pages' typecheck.
 */
export function sessionCaller(deps: AppDeps, c: WebContext) {
  if (!c.get("principal")) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
  return createCaller(sessionContext(deps, c));
}
