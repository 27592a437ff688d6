import { TRPCError } from "@trpc/server";
import type { MiddlewareHandler } from "hono";
import { countRequest, hit } from "../../shared/db/sql/rate-limit.js";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import type { Principal } from "../../jobs/principal.js";
import { authenticate } from "./authenticate.js";
import { clientAddress } from "./client-address.js";

/** A refusal for a limit, with the seconds until the window that refused it closes (Retry-After). */
export class RateLimited extends Error {
  override name = "RateLimited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

const BLOCKED = "too many requests with unknown keys from this address; wait and try again";
const failureBucket = (address: string) => `auth-fail:${address}`;

/**
 * Authenticates once for /trpc and /api (the result goes to the request's context, with the
 * client's address) and counts failed key checks per client address, so guessing keys is slowed
 * to a crawl: past the limit, the request goes on refused, and the procedures answer 429 in their
 * own error shape. Counted in PostgreSQL, across web machines.
 */
export function authenticateRequests(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const { authFailuresPerMinute } = deps.config.limits;
  return async (c, next) => {
    const address = clientAddress(c, deps.config.trustProxy);
    c.set("clientAddress", address);
    const auth = await authenticate(deps, c.req.raw.headers);
    // A right key naming a malformed user is the caller's mistake, not a guess at keys.
    if (!auth.ok && !auth.badRequest && c.req.header("authorization")) {
      const failed = await hit(deps.sql.db, failureBucket(address));
      if (failed.hits > authFailuresPerMinute) {
        c.set("auth", { ok: false, reason: BLOCKED, limited: new RateLimited(BLOCKED, failed.resetSeconds) });
        return next();
      }
    }
    c.set("auth", auth);
    return next();
  };
}

/**
 * Counts one procedure call, each call of a batch alike, against the member's and the
 * workspace's per-minute limits (a `quotas` row sets the workspace's), and refuses it with
 * TOO_MANY_REQUESTS past either, or when the caller's address guessed keys too often: that
 * answer says nothing about the key.
 */
export async function limitCall(deps: Pick<AppDeps, "sql" | "config">, principal: Principal, address: string): Promise<void> {
  const { requestsPerMinute, workspaceRequestsPerMinute, authFailuresPerMinute } = deps.config.limits;
  const { workspaceId, userId } = principal;
  const used = await countRequest(deps.sql.db, {
    member: `member:${workspaceId}:${userId}`,
    workspace: `workspace:${workspaceId}`,
    failures: failureBucket(address),
    workspaceId,
    memberLimit: requestsPerMinute,
    workspaceDefault: workspaceRequestsPerMinute,
    failureLimit: authFailuresPerMinute,
  });
  const refuse = (message: string) => {
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message, cause: new RateLimited(message, used.resetSeconds) });
  };
  if (used.failureHits >= authFailuresPerMinute) refuse(BLOCKED);
  if (used.memberHits > requestsPerMinute) refuse(`at most ${requestsPerMinute} requests a minute; try again in ${used.resetSeconds} s`);
  if (used.workspaceHits === null) refuse(`this workspace may make at most ${used.workspaceLimit} requests a minute; try again in ${used.resetSeconds} s`);
}
