import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import { MAX_BATCH_CALLS } from "../../trpc/init.js";
import { appRouter } from "../../trpc/router.js";
import { retryAfterMeta } from "../../trpc/unavailable.js";
import type { WebContext, WebEnv } from "../env.js";
import { sessionContext } from "../session-caller.js";

/** The API's procedures for the page script's live job updates, as the signed-in member. */
export function galleryTrpcRoutes(deps: AppDeps) {
  const trpc = new Hono<WebEnv>();
  trpc.use(
    "/*",
    trpcServer({
      endpoint: "/app/trpc",
      router: appRouter,
      maxBatchSize: MAX_BATCH_CALLS,
      responseMeta: retryAfterMeta,
      createContext: (_opts, c) => ({ ...sessionContext(deps, c as unknown as WebContext) }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") deps.logger.error({ err: error.cause ?? error, path }, "gallery tRPC procedure failed");
      },
    }),
  );
  return trpc;
}
