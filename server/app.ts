import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import type { AppDeps } from "./deps.js";
import { checkHealth } from "./health.js";
import { homeRoutes } from "./home.js";
import type { AppEnv } from "./app-env.js";
import { authenticateRequests } from "./auth/limit-requests.js";
import { linkRoutes } from "./links/route.js";
import { createMetrics } from "./metrics.js";
import { UNREADABLE_BODY_MESSAGE, logUnreadableBody } from "./unreadable-body.js";
import { requestContext } from "./request-context.js";
import { docsRoutes } from "./rest/docs-routes.js";
import { restRoutes } from "./rest/routes.js";
import { UPLOADS_PATH } from "./web/routes/uploads.js";
import { webRoutes } from "./web/routes.js";
import { webhookRoutes } from "./webhooks/routes.js";
import { MAX_BATCH_CALLS } from "./trpc/init.js";
import { appRouter } from "./trpc/router.js";
import { retryAfterMeta } from "./trpc/unavailable.js";
import { dependencyDown } from "../shared/dependency-down.js";

/** JSON bodies are small; file bytes go straight to S3 through presigned URLs, never through us. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The one Hono app, used by main.ts and by tests through `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const metrics = createMetrics(deps);

  app.use(
    requestId({
      // Accept a caller's id only when it looks like one, so logs cannot be injected into.
      generator: () => crypto.randomUUID(),
      limitLength: 64,
    }),
  );
  // Request lines are debug level: when it is off, the line is not built at all.
  const logRequests = deps.logger.isLevelEnabled("debug");
  app.use(async (c, next) => {
    if (!logRequests) return next();
    const started = performance.now();
    await next();
    deps.logger.debug(
      // A download link's path is its signature: whoever holds it may download, so it is not logged.
      {
        requestId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path.replace(/^\/d\/.+/, "/d/[redacted]"),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(metrics.middleware);
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: { code: "PAYLOAD_TOO_LARGE", message: `request body over ${MAX_BODY_BYTES} bytes` } }, 413),
  });
  // A GET or HEAD has no body to limit, and asking for one builds a whole fetch Request per call.
  // A body without a length is read whole here, before the route: one that breaks off (its sender
  // disconnected) is the sender's doing, a 400 and a quiet line, not a failure of ours.
  app.use(async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    // The gallery's upload route streams a file of up to 2 GiB on to the bucket, bounded by its own check.
    if (c.req.method === "POST" && c.req.path === UPLOADS_PATH) return next();
    let reached = false;
    try {
      return await limitBody(c, () => {
        reached = true;
        return next();
      });
    } catch (err) {
      if (reached) throw err;
      logUnreadableBody(deps, c, err);
      return c.json({ error: { code: "BAD_REQUEST", message: UNREADABLE_BODY_MESSAGE } }, 400);
    }
  });

  app.get("/healthz", async (c) => {
    const report = await checkHealth(deps);
    return c.json(report, report.status === "ok" ? 200 : 503);
  });

  app.get("/metrics", metrics.handler);
  homeRoutes(app);

  app.use("/trpc/*", authenticateRequests(deps));
  // Ahead of the key check: the document and its page are public.
  app.route("/api", docsRoutes());
  app.use("/api/*", authenticateRequests(deps));

  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      // Each call in a batch is a call: counted, limited and answered one by one; a batch has a cap.
      maxBatchSize: MAX_BATCH_CALLS,
      responseMeta: retryAfterMeta,
      createContext: async (_opts, c) => ({ ...(await requestContext(deps, c as import("hono").Context<AppEnv>)) }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") deps.logger.error({ err: error.cause ?? error, path }, "tRPC procedure failed");
      },
    }),
  );

  app.route("/api", restRoutes(deps));
  app.route("/d", linkRoutes(deps));
  app.route("/webhooks", webhookRoutes(deps));
  app.route("/app", webRoutes(deps));

  app.notFound((c) => c.json({ error: { code: "NOT_FOUND", message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      // A page's own answer (a gallery form that could not be read) goes out as it was made.
      if (err.res) return err.getResponse();
      return c.json({ error: { code: err.status === 401 ? "UNAUTHORIZED" : "HTTP_ERROR", message: err.message } }, err.status);
    }
    const down = dependencyDown(err);
    if (down) {
      deps.logger.warn(
        { requestId: c.get("requestId"), dependency: down.dependency, cause: err.message },
        "a store is unavailable: answered 503",
      );
      c.header("Retry-After", String(down.retryAfterSeconds));
      return c.json({ error: { code: "SERVICE_UNAVAILABLE", message: down.message, requestId: c.get("requestId") } }, 503);
    }
    deps.logger.error({ err, requestId: c.get("requestId") }, "unhandled error");
    return c.json({ error: { code: "INTERNAL_SERVER_ERROR", message: "internal error", requestId: c.get("requestId") } }, 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
