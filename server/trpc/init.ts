import { TRPCError, initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import { JobsError } from "../../jobs/errors.js";
import { limitCall } from "../auth/limit-requests.js";
import { dependencyDown } from "../../shared/dependency-down.js";
import { formatZodError, issueMessage } from "../../shared/validation.js";
import { retryAfterOf, unavailable } from "./unavailable.js";
import type { Context } from "./context.js";

/** Calls one tRPC batch may hold; a bigger batch is refused with 400 before any of it runs. */
export const MAX_BATCH_CALLS = 10;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Validation failures name the offending fields so a caller can fix the input.
    const cause = error.cause;
    return {
      ...shape,
      // An unexpected failure's message can hold a query or a host name: it goes to the log
      // (with the request id), the caller gets a fixed text.
      message:
        cause instanceof ZodError
          ? formatZodError(cause)
          : error.code === "INTERNAL_SERVER_ERROR"
            ? "internal error"
            : error.message === "Batch call exceeds maximum size"
              ? `a batch may hold at most ${MAX_BATCH_CALLS} calls; send the rest in another request`
              : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        // In the same plain words as the message, so a form can show each beside its field.
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause, issueMessage).fieldErrors : undefined,
        // A client tells its person when to try again, from the body as from the Retry-After header.
        retryAfterSeconds: retryAfterOf(error),
      },
    };
  },
});

export const router = t.router;

export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure but the health check: the caller must present a valid API key, and each call
 * (each one in a batch) counts against the member's and the workspace's request limits. The
 * jobs domain's refusals become tRPC errors of the same code, with their message; the REST
 * routes call the same procedures, so this is the one place the mapping is made. One middleware
 * for both, as each level of tRPC's middleware chain copies the call's options and context.
 */
export const authedProcedure = t.procedure.use(async ({ ctx, next }) => {
  if (!ctx.auth.ok) {
    const limited = ctx.auth.limited;
    if (limited) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: limited.message, cause: limited });
    if (ctx.auth.unavailable) throw unavailable(ctx, ctx.auth.unavailable);
    if (ctx.auth.badRequest) throw new TRPCError({ code: "BAD_REQUEST", message: ctx.auth.reason });
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.auth.reason });
  }
  try {
    await limitCall(ctx.deps, ctx.auth.principal);
  } catch (err) {
    const down = dependencyDown(err);
    throw down ? unavailable(ctx, down) : err;
  }
  // tRPC merges this into the context it has.
  const result = await next({ ctx: { principal: ctx.auth.principal } });
  if (!result.ok && result.error.cause instanceof JobsError) {
    throw new TRPCError({ code: result.error.cause.code, message: result.error.cause.message, cause: result.error.cause });
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    const down = dependencyDown(result.error.cause);
    if (down) throw unavailable(ctx, down);
  }
  return result;
});
