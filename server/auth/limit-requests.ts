import { TRPCError } from "@trpc/server";
import type { Context, MiddlewareHandler } from "hono";
import { dependencyDown } from "../../shared/dependency-down.js";
import { hit } from "../../shared/db/sql/rate-limit.js";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import type { Principal } from "../../jobs/principal.js";
import { authenticate } from "./authenticate.js";
import { CallPermits } from "./call-permits.js";
import { clientAddress } from "./client-address.js";
import { RateLimited } from "./rate-limited.js";

const BLOCKED = "too many requests with unknown keys from this address; wait and try again";
const failureBucket = (address: string) => `auth-fail:${address}`;

/** Seconds until the current minute's window closes. */
function secondsLeftInMinute(): number {
  return Math.max(1, Math.ceil((60_000 - (Date.now() % 60_000)) / 1000));
}

/**
 * Authenticates once for /trpc and /api (the result goes to the request's context, with the
 * client's address) and counts failed key checks per client address, so guessing keys is slowed
 * to a crawl: past the limit, the request goes on refused, and the procedures answer 429 in their
 * own error shape. A right key from an address past the limit is refused alike, so that answer
 * says nothing about the key; the address's failures are read in the key's own lookup. Counted in
 * PostgreSQL, across web machines.
 */
export function authenticateRequests(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { authFailuresPerMinute } = deps.config.limits;
  return async (c, next) => {
    const address = clientAddress(c, deps.config.trustProxy);
    c.set("clientAddress", address);
    try {
      await authenticateAddress(c, address);
    } catch (err) {
      // Keys unreadable (PostgreSQL down): the procedures answer 503 in their own error shape.
      const down = dependencyDown(err);
      if (!down) throw err;
      c.set("auth", { ok: false, reason: down.message, unavailable: down });
    }
    return next();
  };

  async function authenticateAddress(c: Context<AppEnv>, address: string): Promise<void> {
    const auth = await authenticate(deps, c.req.raw.headers, { failuresBucket: failureBucket(address) });
    if (auth.ok && (auth.failures ?? 0) >= authFailuresPerMinute) {
      c.set("auth", { ok: false, reason: BLOCKED, limited: new RateLimited(BLOCKED, secondsLeftInMinute()) });
      return;
    }
    // A right key naming a malformed user is the caller's mistake, not a guess at keys.
    if (!auth.ok && !auth.badRequest && c.req.header("authorization")) {
      const failed = await hit(deps.sql.db, failureBucket(address));
      if (failed.hits > authFailuresPerMinute) {
        c.set("auth", { ok: false, reason: BLOCKED, limited: new RateLimited(BLOCKED, failed.resetSeconds) });
        return;
      }
    }
    c.set("auth", auth);
  }
}

/** One CallPermits per database handle and limits: a web process has one. */
const permitsByDb = new WeakMap<object, CallPermits>();

function permitsOf(deps: Pick<AppDeps, "sql" | "config">): CallPermits {
  const { requestsPerMinute, workspaceRequestsPerMinute } = deps.config.limits;
  let permits = permitsByDb.get(deps.sql.db);
  if (!permits?.sameLimits(requestsPerMinute, workspaceRequestsPerMinute)) {
    permits = new CallPermits(deps.sql.db, { memberLimit: requestsPerMinute, workspaceDefault: workspaceRequestsPerMinute });
    permitsByDb.set(deps.sql.db, permits);
  }
  return permits;
}

/**
 * Counts one procedure call, each call of a batch alike, against the member's and the
 * workspace's per-minute limits (a `quotas` row sets the workspace's), and refuses it with
 * TOO_MANY_REQUESTS past either. Counted in PostgreSQL across web machines, in small blocks
 * when a member calls quickly (see CallPermits). An address that guessed keys too often was
 * refused at authentication (authenticateRequests), before any call ran.
 */
export async function limitCall(deps: Pick<AppDeps, "sql" | "config">, principal: Principal): Promise<void> {
  const refusal = await permitsOf(deps).take(principal.workspaceId, principal.userId);
  if (!refusal) return;
  const message =
    refusal.by === "member"
      ? `at most ${deps.config.limits.requestsPerMinute} requests a minute; try again in ${refusal.retryAfterSeconds} s`
      : `this workspace may make at most ${refusal.workspaceLimit} requests a minute; try again in ${refusal.retryAfterSeconds} s`;
  throw new TRPCError({ code: "TOO_MANY_REQUESTS", message, cause: new RateLimited(message, refusal.retryAfterSeconds) });
}
