import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import { authenticate } from "./authenticate.js";
import { hit, peek } from "../../shared/db/sql/rate-limit.js";

/** The caller's address: Fly's edge sets Fly-Client-IP; without it all unproxied callers share one bucket. */
function clientAddress(c: Context<AppEnv>): string {
  return c.req.header("fly-client-ip") ?? "direct";
}

function tooMany(c: Context<AppEnv>, retryAfter: number, message: string) {
  c.header("Retry-After", String(retryAfter));
  return c.json({ error: { code: "TOO_MANY_REQUESTS", message } }, 429);
}

/**
 * Authenticates once for /trpc and /api (the result is handed to the request's context) and
 * applies the per-minute limits: requests per member, and failed key checks per client address,
 * so guessing keys is slowed to a crawl. Both are counted in PostgreSQL, across web machines.
 */
export function limitRequests(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { requestsPerMinute, authFailuresPerMinute } = deps.config.limits;
  return async (c, next) => {
    const presentsKey = Boolean(c.req.header("authorization"));
    const failures = `auth-fail:${clientAddress(c)}`;
    if (presentsKey) {
      const seen = await peek(deps.sql.db, failures);
      if (seen.hits >= authFailuresPerMinute) return tooMany(c, seen.resetSeconds, "too many requests with unknown keys from this address; wait and try again");
    }
    const auth = await authenticate(deps, c.req.raw.headers);
    c.set("auth", auth);
    if (!auth.ok) {
      if (presentsKey) await hit(deps.sql.db, failures);
      return next();
    }
    const used = await hit(deps.sql.db, `member:${auth.principal.workspaceId}:${auth.principal.userId}`);
    if (used.hits > requestsPerMinute) return tooMany(c, used.resetSeconds, `at most ${requestsPerMinute} requests a minute; try again in ${used.resetSeconds} s`);
    return next();
  };
}
