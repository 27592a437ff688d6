import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import { authenticate } from "./authenticate.js";
import { countRequest, hit } from "../../shared/db/sql/rate-limit.js";

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
 * applies the per-minute limits: requests per member and per workspace (all its members and
 * bots together; a `quotas` row overrides the default), and failed key checks per client address,
 * so guessing keys is slowed to a crawl. Both are counted in PostgreSQL, across web machines.
 */
export function limitRequests(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { requestsPerMinute, workspaceRequestsPerMinute, authFailuresPerMinute } = deps.config.limits;
  const blocked = "too many requests with unknown keys from this address; wait and try again";
  return async (c, next) => {
    const failures = `auth-fail:${clientAddress(c)}`;
    const auth = await authenticate(deps, c.req.raw.headers);
    c.set("auth", auth);
    if (!auth.ok) {
      if (!c.req.header("authorization")) return next();
      const failed = await hit(deps.sql.db, failures);
      return failed.hits > authFailuresPerMinute ? tooMany(c, failed.resetSeconds, blocked) : next();
    }
    const { workspaceId, userId } = auth.principal;
    const used = await countRequest(deps.sql.db, { member: `member:${workspaceId}:${userId}`, workspace: `workspace:${workspaceId}`, failures, workspaceId });
    // An address that guessed too often is refused even with a right key: the answer says nothing about the key.
    if (used.failureHits >= authFailuresPerMinute) return tooMany(c, used.resetSeconds, blocked);
    if (used.memberHits > requestsPerMinute) return tooMany(c, used.resetSeconds, `at most ${requestsPerMinute} requests a minute; try again in ${used.resetSeconds} s`);
    const workspaceLimit = used.workspaceLimit ?? workspaceRequestsPerMinute;
    if (used.workspaceHits > workspaceLimit) {
      return tooMany(c, used.resetSeconds, `this workspace may make at most ${workspaceLimit} requests a minute; try again in ${used.resetSeconds} s`);
    }
    return next();
  };
}
