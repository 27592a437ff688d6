import { TRPCError } from "@trpc/server";
import { DependencyUnavailable } from "../../shared/dependency-down.js";
import { RateLimited } from "../auth/rate-limited.js";
import type { Context } from "./context.js";

/**
 * A store down answers 503 with when to try again: a warning with the store and its driver's
 * words, not an error with a stack, since nothing of ours failed.
 */
export function unavailable(ctx: Pick<Context, "deps" | "requestId">, down: DependencyUnavailable): TRPCError {
  const cause = down.cause instanceof Error ? down.cause.message : String(down.cause);
  ctx.deps.logger.warn({ requestId: ctx.requestId, dependency: down.dependency, cause }, "a store is unavailable: answered 503");
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: down.message, cause: down });
}

/** Seconds to wait before trying again, for a refusal that has them: a rate limit, or a store down. */
export function retryAfterOf(error: { cause?: unknown }): number | undefined {
  const cause = error.cause;
  return cause instanceof RateLimited || cause instanceof DependencyUnavailable ? cause.retryAfterSeconds : undefined;
}

/** tRPC's responseMeta: the batch's longest wait as Retry-After. */
export function retryAfterMeta({ errors }: { errors: Array<{ cause?: unknown }> }): { headers?: Headers } {
  const wait = Math.max(0, ...errors.map((e) => retryAfterOf(e) ?? 0));
  return wait > 0 ? { headers: new Headers({ "retry-after": String(wait) }) } : {};
}
