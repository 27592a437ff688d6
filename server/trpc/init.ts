import { TRPCError, initTRPC } from "@trpc/server";
import { ZodError, z } from "zod";
import { JobsError } from "../../jobs/errors.js";
import { formatZodError } from "../../shared/validation.js";
import type { Context } from "./context.js";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Validation failures name the offending fields so a caller can fix the input.
    const cause = error.cause;
    return {
      ...shape,
      // An unexpected failure's message can hold a query or a host name: it goes to the log
      // (with the request id), the caller gets a fixed text.
      message: cause instanceof ZodError ? formatZodError(cause) : error.code === "INTERNAL_SERVER_ERROR" ? "internal error" : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined,
      },
    };
  },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

/**
 * The jobs domain's refusals become tRPC errors of the same code, with their message; the REST
 * routes call the same procedures, so this is the one place the mapping is made.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof JobsError) {
    throw new TRPCError({ code: result.error.cause.code, message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

/** Every procedure but the health check: the caller must present a valid API key. */
export const authedProcedure = t.procedure.use(domainErrors).use(({ ctx, next }) => {
  if (!ctx.auth.ok) throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.auth.reason });
  return next({ ctx: { ...ctx, principal: ctx.auth.principal } });
});
