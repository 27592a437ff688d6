import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createApp } from "../server/app.js";
import { authenticate } from "../server/auth/authenticate.js";
import { connectDeps } from "../server/deps-connect.js";
import type { Config } from "../shared/config.js";
import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { JOBS_COLLECTION } from "../shared/db/mongo/jobs-repository.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createRecordingQueue } from "../queue/recording-queue.js";
import { createLogger } from "../shared/logger.js";
import { type LoadResult, measure } from "./load.js";
import { scratchDatabase } from "./scratch-db.js";

export interface Row extends LoadResult {
  baseline: string;
  ratio: number;
}

/**
 * Requests/s and latency of reading one job (API key check in PostgreSQL + one Mongo read)
 * over REST and over tRPC, beside a bare Hono route served by the same server in the same run.
 */
export async function apiBenchmark(base: Config, log: (m: string) => void): Promise<Row[]> {
  const db = await scratchDatabase(base.databaseUrl, "bench");
  const config: Config = { ...base, databaseUrl: db.url, logLevel: "silent", mongo: { ...base.mongo, db: db.name }, s3: { ...base.s3, bucket: `bench-${db.name.slice(6)}` } };
  const deps = await connectDeps(config, createLogger(config), createRecordingQueue());
  try {
    const ws = await ensureWorkspace(deps.sql.db, { slug: "bench" });
    const member = await ensureMember(deps.sql.db, ws.id, "bench-user");
    const { key } = await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "bench" });
    // A collection of realistic size: reads must find one job among many.
    const jobIds: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const docs = Array.from({ length: 100 }, () => {
        const jobId = randomUUID();
        jobIds.push(jobId);
        const now = new Date();
        return { _id: jobId, jobId, type: "image-generation" as const, status: "completed" as const, userId: "bench-user", workspaceId: ws.id, visibility: "workspace" as const, input: { prompt: "a benchmark" }, progress: 100, provider: null, error: null, deletedAt: null, versions: [], searchTerms: ["benchmark"], createdAt: now, updatedAt: now };
      });
      await deps.mongo.db.collection<JobDocument>(JOBS_COLLECTION).insertMany(docs);
    }
    const jobId = jobIds[500] ?? "";

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
    outer.route("/", createApp(deps));
    const server = serve({ fetch: outer.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const auth = { authorization: `Bearer ${key}` };
    try {
      log("api: bare Hono route");
      const bare = await measure("bare Hono route", `${origin}/bare`);
      log("api: GET /api/jobs/:id");
      const rest = await measure("GET /api/jobs/:id", `${origin}/api/jobs/${jobId}`, { headers: auth });
      log("api: tRPC jobs.get");
      const trpc = await measure("tRPC jobs.get", `${origin}/trpc/jobs.get?input=${encodeURIComponent(JSON.stringify({ jobId }))}`, { headers: auth });
      log("api: API key check alone");
      const authOnly = await measure("API key check alone (PostgreSQL)", `${origin}/auth-only`, { headers: auth });
      log("api: job read alone");
      const mongoOnly = await measure("job read alone (MongoDB-wire)", `${origin}/mongo-only`);
      return [bare, rest, trpc, authOnly, mongoOnly].map((r) => ({ ...r, baseline: bare.name, ratio: r.requestsPerSecond / bare.requestsPerSecond }));
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await deps.close();
    await db.drop();
  }
}
