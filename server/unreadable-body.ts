import type { Context } from "hono";
import type { AppDeps } from "./deps.js";

/**
 * A request body that cannot be read: multipart that does not parse, or a body that broke off
 * when its sender disconnected. The sender's doing, not a failure of ours: one info line, no
 * stack, and a 400 for whoever is still there to read it.
 */
export function logUnreadableBody(deps: Pick<AppDeps, "logger">, c: Context, err: unknown): void {
  deps.logger.info(
    {
      requestId: c.get("requestId") as string | undefined,
      method: c.req.method,
      path: c.req.path,
      reason: err instanceof Error ? err.message : String(err),
    },
    "request body could not be read",
  );
}

export const UNREADABLE_BODY_MESSAGE = "the request body could not be read: send a complete, well-formed form or JSON body";
