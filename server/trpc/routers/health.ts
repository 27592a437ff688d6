import { checkHealth } from "../../health.js";
import { publicProcedure, router } from "../init.js";

export const healthRouter = router({
  // Public: the answer names what is down; the reason is logged with the request id.
  check: publicProcedure.query(({ ctx }) => checkHealth(ctx.deps, ctx.deps.logger.child({ requestId: ctx.requestId }))),
});
