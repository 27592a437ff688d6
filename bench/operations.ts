import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { startFalFake } from "../infra/fakes/fal/emulator.js";
import { startBoss } from "../queue/boss.js";
import { createPgBossQueue } from "../queue/job-queue.js";
import { startWorkers, workerDeps } from "../queue/start-workers.js";
import { startServer } from "../server/serve.js";
import type { Config } from "../shared/config.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createLogger } from "../shared/logger.js";
import type { Figure } from "./figure.js";
import { scratchDatabase } from "./scratch-db.js";
import { now, percentile } from "./stats.js";

/** Jobs of each kind, one after another. */
const SAMPLES = 12;

/**
 * An image operation's create → result through the whole path (API, queue, worker, fal's
 * emulator answering at once, S3) beside a plain generation's in the same run: a zoom-out 2×
 * builds the grown frame and its mask, sends both, and composites the source back over the
 * answer, all on top of what a generation does.
 */
export async function operationsBenchmark(base: Config, log: (m: string) => void): Promise<Figure[]> {
  const db = await scratchDatabase(base.databaseUrl, "bencho");
  const fal = await startFalFake({ processingMs: 0 });
  const config: Config = {
    ...base,
    port: 0,
    databaseUrl: db.url,
    logLevel: "silent",
    mongo: { ...base.mongo, db: `bencho${randomUUID().slice(0, 6)}` },
    providers: { ...base.providers, falKey: "bench", falBaseUrl: fal.url, falJwksUrl: fal.jwksUrl },
  };
  const logger = createLogger(config);
  const boss = await startBoss(db.url);
  const queue = createPgBossQueue(boss);
  const server = await startServer(config, logger, queue);
  const workers = await startWorkers(boss, workerDeps(config, logger, server.deps, queue, { trustedOrigins: [fal.url] }));
  try {
    const ws = await ensureWorkspace(server.deps.sql.db, { slug: "operations-bench" });
    const member = await ensureMember(server.deps.sql.db, ws.id, "bench");
    const { key } = await createApiKey(server.deps.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "bench" });
    const call = async (path: string, input: unknown, kind: "query" | "mutation") => {
      const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
      const res =
        kind === "query"
          ? await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
          : await fetch(`${server.url}/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(input) });
      const body = (await res.json()) as { result?: { data: Record<string, unknown> }; error?: unknown };
      if (!body.result) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body.error)}`);
      return body.result.data;
    };
    /** Milliseconds from jobs.create to jobs.get saying completed, polled every 5 ms. */
    const createToResult = async (input: unknown): Promise<{ ms: number; jobId: string }> => {
      const t0 = now();
      const { jobId } = (await call("jobs.create", input, "mutation")) as { jobId: string };
      for (;;) {
        const job = (await call("jobs.get", { jobId }, "query")) as { status: string; error?: unknown };
        if (job.status === "completed") return { ms: now() - t0, jobId };
        if (job.status === "failed" || job.status === "canceled")
          throw new Error(`bench job ${jobId} ${job.status}: ${JSON.stringify(job.error)}`);
        await sleep(5);
      }
    };
    const generate = (i: number) => createToResult({ type: "image-generation", prompt: `a harbour, take ${i}`, imageSize: "square" });
    log(`operations: ${SAMPLES} generations, then ${SAMPLES} zoom-outs 2x of a 512x512 picture, one at a time`);
    const source = await generate(-1);
    const plain: number[] = [];
    const zoom: number[] = [];
    for (let i = 0; i < SAMPLES; i++) plain.push((await generate(i)).ms);
    for (let i = 0; i < SAMPLES; i++)
      zoom.push(
        (await createToResult({ type: "image-generation", operation: "zoom-out", factor: 2, source: { jobId: source.jobId, image: 1 } }))
          .ms,
      );
    const baseline = "plain generation (512x512), create → result";
    return [
      {
        name: "zoom-out 2x (512 → 1024), create → result p50",
        value: percentile(zoom, 50),
        unit: "ms",
        baseline: `${baseline} p50`,
        baselineValue: percentile(plain, 50),
      },
      {
        name: "zoom-out 2x (512 → 1024), create → result p90",
        value: percentile(zoom, 90),
        unit: "ms",
        baseline: `${baseline} p90`,
        baselineValue: percentile(plain, 90),
      },
    ];
  } finally {
    await workers.stop(5_000);
    await server.stop();
    await boss.stop({ graceful: false });
    await fal.close();
    await db.drop();
  }
}
