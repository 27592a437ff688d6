import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../server/app.js";
import { authenticate } from "../server/auth/authenticate.js";
import { connectDeps } from "../server/deps-connect.js";
import type { Config } from "../shared/config.js";
import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { JOBS_COLLECTION } from "../shared/db/mongo/jobs-collection.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createRecordingQueue } from "./recording-queue.js";
import { createLogger } from "../shared/logger.js";
import { type LoadResult, measure, measureBeside } from "./load.js";
import { scratchDatabase } from "./scratch-db.js";
import { settleDocsStore } from "./settle.js";

export interface Row extends LoadResult {
  baseline: string;
  /** The baseline's own figures, measured in the same run. */
  baselineResult: LoadResult;
  ratio: number;
}

/** Jobs in the collection the reads search: the size a team reaches after months on the embedded default. */
export const API_BENCH_JOBS = 100_000;

export interface ApiBenchServer {
  origin: string;
  /** Headers carrying the bench member's API key. */
  auth: Record<string, string>;
  /** One job in the middle of the collection. */
  jobId: string;
  close(): Promise<void>;
}

/**
 * The server the API figures are measured on: the app and the baselines' bare routes in one
 * Hono server, over a scratch database with a collection of realistic size. bench/profile-api.ts
 * profiles the same server.
 */
export async function startApiBenchServer(
  base: Config,
  log: (m: string) => void,
  jobs = API_BENCH_JOBS,
  docsSqlUrl?: string,
): Promise<ApiBenchServer> {
  const db = await scratchDatabase(base.databaseUrl, "bench");
  const config: Config = {
    ...base,
    databaseUrl: db.url,
    logLevel: "silent",
    mongo: { ...base.mongo, db: db.name },
    s3: { ...base.s3, bucket: `bench-${db.name.slice(6)}` },
  };
  const deps = await connectDeps(config, createLogger(config), createRecordingQueue());
  try {
    const ws = await ensureWorkspace(deps.sql.db, { slug: "bench" });
    const member = await ensureMember(deps.sql.db, ws.id, "bench-user");
    const { key } = await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "bench" });
    // A collection of realistic size: reads must find one job among many.
    const jobIds: string[] = [];
    log(`api: ${jobs} jobs in the collection`);
    for (let batch = 0; batch < jobs / 1000; batch++) {
      const docs = Array.from({ length: 1000 }, () => {
        const jobId = randomUUID();
        jobIds.push(jobId);
        const now = new Date();
        return {
          _id: jobId,
          jobId,
          type: "image-generation" as const,
          status: "completed" as const,
          userId: "bench-user",
          workspaceId: ws.id,
          visibility: "workspace" as const,
          input: { prompt: "a benchmark" },
          progress: 100,
          provider: null,
          error: null,
          deletedAt: null,
          versions: [],
          searchTerms: ["benchmark"],
          createdAt: now,
          updatedAt: now,
        };
      });
      await deps.mongo.db.collection<JobDocument>(JOBS_COLLECTION).insertMany(docs);
    }
    const jobId = jobIds[Math.floor(jobIds.length / 2)] ?? "";
    await settleDocsStore(docsSqlUrl);

    const outer = new Hono();
    // The load generator stops with requests still in flight; the stores close after they end.
    let inFlight = 0;
    outer.use(async (_c, next) => {
      inFlight++;
      try {
        await next();
      } finally {
        inFlight--;
      }
    });
    outer.get("/bare", (c) => c.json({ ok: true }));
    // The two halves of a job read, to show where its time goes.
    outer.get("/auth-only", async (c) => c.json({ ok: (await authenticate(deps, c.req.raw.headers)).ok }));
    outer.get("/mongo-only", async (c) => c.json({ found: (await deps.jobs.get(jobId)) !== null }));
    // Both halves in sequence with nothing of the API around them: what GET /api/jobs/:id is held against.
    outer.get("/auth-then-read", async (c) => {
      const auth = await authenticate(deps, c.req.raw.headers);
      return c.json({ found: auth.ok && (await deps.jobs.get(jobId)) !== null });
    });
    outer.route("/", createApp(deps));
    const server = serve({ fetch: outer.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return {
      origin,
      auth: { authorization: `Bearer ${key}` },
      jobId,
      async close() {
        try {
          await new Promise<void>((r) => server.close(() => r()));
          while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
        } finally {
          await deps.close();
          await db.drop();
        }
      },
    };
  } catch (err) {
    await deps.close();
    await db.drop();
    throw err;
  }
}

/**
 * Requests/s and latency of reading one job (API key check in PostgreSQL + one Mongo read)
 * over REST and over tRPC, beside a bare Hono route served by the same server in the same run.
 */
export async function apiBenchmark(base: Config, log: (m: string) => void, docsSqlUrl?: string): Promise<Row[]> {
  const { origin, auth, jobId, close } = await startApiBenchServer(base, log, API_BENCH_JOBS, docsSqlUrl);
  try {
    log("api: bare Hono route");
    const bare = await measure("bare Hono route", `${origin}/bare`);
    const restRoute = { name: "GET /api/jobs/:id", url: `${origin}/api/jobs/${jobId}` };
    const directRoute = { name: "API key check + job read, directly", url: `${origin}/auth-then-read` };
    log("api: GET /api/jobs/:id beside the API key check + job read done directly, 3 rounds in turn");
    const { route: rest, baseline: direct } = await measureBeside(restRoute, directRoute, { headers: auth });
    log("api: tRPC jobs.get");
    const trpc = await measure("tRPC jobs.get", `${origin}/trpc/jobs.get?input=${encodeURIComponent(JSON.stringify({ jobId }))}`, {
      headers: auth,
    });
    log("api: API key check alone");
    const authOnly = await measure("API key check alone (PostgreSQL)", `${origin}/auth-only`, { headers: auth });
    log("api: job read alone");
    const mongoOnly = await measure("job read alone (MongoDB-wire)", `${origin}/mongo-only`);
    const row = (r: LoadResult, base: LoadResult): Row => ({
      ...r,
      baseline: base.name,
      baselineResult: base,
      ratio: r.requestsPerSecond / base.requestsPerSecond,
    });
    // Fewer callers at once: the latency of a read itself, with less queueing behind other
    // requests for the machine's two cores, which the server, FerretDB, PostgreSQL and the load
    // generator share.
    const fewer: Row[] = [];
    for (const callers of [1, 2, 4]) {
      const label = callers === 1 ? "one caller" : `${callers} callers`;
      log(`api: GET /api/jobs/:id, ${label}, 3 rounds in turn`);
      const { route: restFew, baseline: directFew } = await measureBeside(
        { name: `${restRoute.name}, ${label}`, url: restRoute.url },
        { name: `API key check + job read directly, ${label}`, url: directRoute.url },
        { headers: auth, connections: callers },
      );
      fewer.push(row(restFew, directFew), row(directFew, bare));
    }
    return [row(bare, bare), row(rest, direct), row(trpc, direct), row(authOnly, bare), row(mongoOnly, bare), row(direct, bare), ...fewer];
  } finally {
    await close();
  }
}
