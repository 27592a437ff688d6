import { cachedHealthCheck } from "../../health.js";
import { publicProcedure, router } from "../init.js";

/**
 * Public, and a batch holds ten calls: the answer is kept a second (per set of stores), so ten
 * calls, or a thousand callers within that second, probe the stores once.
 */
const checkHealth = cachedHealthCheck();

export const healthRouter = router({
  // The answer names what is down; the reason is logged with the request id of the call that probed.
  check: publicProcedure.query(({ ctx }) => checkHealth(ctx.deps, ctx.deps.logger.child({ requestId: ctx.requestId }))),
});
