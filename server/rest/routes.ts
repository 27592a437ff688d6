import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { formatZodError } from "../../shared/validation.js";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import { requestContext } from "../request-context.js";
import { createCaller } from "../trpc/router.js";
import { retryAfterOf } from "../trpc/unavailable.js";

type Caller = ReturnType<typeof createCaller>;

/**
 * The REST routes: read-only GETs under /api, with paths and shapes of their own. Each one calls the
 * tRPC procedure through createCaller; the logic lives only there.
 */
export function restRoutes(deps: AppDeps) {
  const api = new Hono<AppEnv>();

  // The query string and path parameters are decoded only by the routes that read them.
  const handle =
    (run: (caller: Caller, query: () => Record<string, string>, param: (name: string) => string) => Promise<unknown>) =>
    async (c: import("hono").Context<AppEnv>) => {
      const ctx = await requestContext(deps, c);
      try {
        const result = await run(
          createCaller(ctx),
          () => c.req.query(),
          (name) => c.req.param(name) ?? "",
        );
        return c.json(result as object);
      } catch (err) {
        if (!(err instanceof TRPCError)) throw err;
        const status = getHTTPStatusCodeFromError(err) as ContentfulStatusCode;
        if (status === 401) c.header("WWW-Authenticate", 'Bearer realm="content-generation"');
        const wait = retryAfterOf(err);
        if (wait !== undefined) c.header("Retry-After", String(wait));
        const message = err.cause instanceof z.ZodError ? formatZodError(err.cause) : err.message;
        return c.json({ error: { code: err.code, message } }, status);
      }
    };

  /** Query strings are text: numbers are converted here, and a non-number is left for zod to reject. */
  const num = (v: string | undefined) => (v === undefined || v === "" ? undefined : /^-?\d+$/.test(v) ? Number(v) : v);
  const pageOf = (q: Record<string, string>) => ({
    ...(q.userId ? { userId: q.userId } : {}),
    ...(q.limit ? { limit: num(q.limit) as number } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });

  api.get(
    "/jobs/:jobId",
    handle((caller, _q, param) => caller.jobs.get({ jobId: param("jobId") })),
  );
  for (const kind of ["loras", "images", "transcripts", "videos"] as const) {
    api.get(
      `/assets/${kind}`,
      handle(async (caller, query) => {
        const page = await caller.assets.list({ kind, ...pageOf(query()) });
        return { type: kind, count: page.items.length, assets: page.items, nextCursor: page.nextCursor };
      }),
    );
  }
  api.get(
    "/assets/search",
    handle(async (caller, query) => {
      const q = query();
      const page = await caller.assets.search({ q: q.q ?? "", ...pageOf(q) });
      return { query: page.query, count: page.items.length, results: page.items, nextCursor: page.nextCursor };
    }),
  );
  api.get(
    "/transcripts/search",
    handle(async (caller, query) => {
      const q = query();
      return caller.transcripts.search({
        query: q.query ?? "",
        ...(q.limit ? { limit: num(q.limit) as number } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    }),
  );
  api.get(
    "/assets/stats",
    handle((caller, query) => {
      const q = query();
      return caller.assets.stats({ ...(q.userId ? { userId: q.userId } : {}), ...(q.scope ? { scope: q.scope as "me" } : {}) });
    }),
  );
  api.get(
    "/assets/:jobId/download",
    handle(async (caller, query, param) => {
      const q = query();
      const { url, expiresAt } = await caller.assets.downloadUrl({
        jobId: param("jobId"),
        file: q.file ?? "",
        ...(q.expires !== undefined ? { expiresIn: num(q.expires) as number } : {}),
        ...(q.version ? { version: num(q.version) as number } : {}),
      });
      return { url, expiresAt };
    }),
  );
  return api;
}
