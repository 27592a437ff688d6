import { randomUUID } from "node:crypto";
import type { Figure } from "./figure.js";
import { setTimeout as sleep } from "node:timers/promises";
import { PgBoss } from "pg-boss";
import { BACKLOG_BURST, startBoss } from "../queue/boss.js";
import { createPgBossQueue } from "../queue/job-queue.js";
import { createCaller } from "../server/trpc/router.js";
import { connectDeps } from "../server/deps-connect.js";
import type { Config } from "../shared/config.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createLogger } from "../shared/logger.js";
import { scratchDatabase } from "./scratch-db.js";
import { type CpuMeter, type CpuPerOp, cpuMeter, medianCpu } from "./cpu.js";
import { now, percentile } from "./stats.js";
import { IN_PROCESS } from "../server/auth/client-address.js";

const LATENCY_SAMPLES = 40;
const THROUGHPUT_JOBS = 300;
/** The throughput part's workers, ours and raw pg-boss's alike: notify, a 2 s backstop poll, 4 at once. */
const WORKER_SETTINGS = { localConcurrency: 4, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, ...BACKLOG_BURST };

/** Idle-system latency from send to handler start: one job at a time with a pause between. */
async function startLatency(send: () => Promise<void>, started: Promise<number>[]): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    await sleep(150);
    const t0 = now();
    await send();
    const t1 = await started[i];
    latencies.push((t1 ?? t0) - t0);
  }
  return latencies;
}

/** Jobs a worker finished, and a wait for the count to reach a figure. */
function completions() {
  let done = 0;
  const waiting: Array<{ at: number; resolve: () => void }> = [];
  return {
    get count() {
      return done;
    },
    mark() {
      done++;
      for (const w of waiting.filter((w) => done >= w.at)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    },
    reach(at: number): Promise<void> {
      return done >= at ? Promise.resolve() : new Promise((resolve) => waiting.push({ at, resolve }));
    },
  };
}

/** Jobs per second: THROUGHPUT_JOBS sent one after another, until the workers finished them all; and their CPU per job. */
async function throughput(
  done: ReturnType<typeof completions>,
  send: () => Promise<unknown>,
  meter: CpuMeter,
): Promise<{ rate: number; cpu?: CpuPerOp }> {
  const target = done.count + THROUGHPUT_JOBS;
  const before = meter.available ? await meter.snapshot() : undefined;
  const t0 = now();
  for (let i = 0; i < THROUGHPUT_JOBS; i++) await send();
  await done.reach(target);
  const rate = THROUGHPUT_JOBS / ((now() - t0) / 1000);
  return { rate, ...(before ? { cpu: meter.perOp(before, await meter.snapshot(), THROUGHPUT_JOBS) } : {}) };
}

function deferreds(n: number) {
  const resolvers: Array<(t: number) => void> = [];
  const promises = Array.from({ length: n }, () => new Promise<number>((r) => resolvers.push(r)));
  let next = 0;
  return { promises, mark: () => resolvers[next++]?.(now()) };
}

/**
 * Queue figures, each beside raw pg-boss in the same run: send → handler start on an idle system
 * (our queue with LISTEN/NOTIFY vs pg-boss at its default 2 s polling), and no-op jobs per second
 * through jobs.create → worker → completed vs raw send/work.
 */
export async function queueBenchmark(base: Config, log: (m: string) => void, opts: { ferretDbPid?: number } = {}): Promise<Figure[]> {
  const db = await scratchDatabase(base.databaseUrl, "benchq");
  const figures: Figure[] = [];
  try {
    // Raw pg-boss with its defaults, as the baseline.
    const raw = new PgBoss({ connectionString: db.url, schema: "rawboss" });
    await raw.start();
    await raw.createQueue("raw");
    const rawStarts = deferreds(LATENCY_SAMPLES);
    await raw.work("raw", async () => rawStarts.mark());
    log("queue: raw pg-boss start latency (default polling)");
    const rawLatency = await startLatency(async () => void (await raw.send("raw", {})), rawStarts.promises);
    await raw.offWork("raw");

    await raw.stop({ graceful: false });

    // Throughput baseline: raw pg-boss with exactly our workers' settings (notify, 2 s backstop
    // poll, 4 workers), so the ratio is the cost of our own path (API, Mongo writes).
    const rawNotify = new PgBoss({
      connectionString: db.url,
      schema: "rawboss",
      useListenNotify: true,
      monitorIntervalSeconds: 5,
      queueCacheIntervalSeconds: 5,
    });
    await rawNotify.start();
    await rawNotify.createQueue("raw-throughput", { notify: true });
    const rawDone = completions();
    await rawNotify.work("raw-throughput", WORKER_SETTINGS, async () => rawDone.mark());

    // The product's path.
    // The request limits would cut a throughput run short: this measures the queue, not them.
    const limits = { ...base.limits, requestsPerMinute: 1_000_000, workspaceRequestsPerMinute: 1_000_000 };
    const config: Config = {
      ...base,
      databaseUrl: db.url,
      logLevel: "silent",
      mongo: { ...base.mongo, db: `benchq${randomUUID().slice(0, 6)}` },
      limits,
    };
    const boss = await startBoss(db.url);
    const deps = await connectDeps(config, createLogger(config), createPgBossQueue(boss));
    const ws = await ensureWorkspace(deps.sql.db, { slug: "bench" });
    const member = await ensureMember(deps.sql.db, ws.id, "bench");
    const { record } = await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "bench" });
    const caller = createCaller({
      deps,
      requestId: "bench",
      baseUrl: "http://bench",
      clientAddress: IN_PROCESS,
      auth: { ok: true, principal: { workspaceId: ws.id, workspaceSlug: "bench", userId: "bench", keyId: record.id, via: "user-key" } },
    });

    const starts = deferreds(LATENCY_SAMPLES);
    const ourDone = completions();
    // A no-op job: the worker's own bookkeeping (status running → completed) with no provider call.
    await boss.work<{ jobId: string }>("image-generation", WORKER_SETTINGS, async ([job]) => {
      if (!job) return;
      starts.mark();
      await deps.jobs.setStatus(job.data.jobId, "running");
      await deps.jobs.setStatus(job.data.jobId, "completed", { progress: 100 });
      ourDone.mark();
    });
    log("queue: jobs.create → worker start latency");
    const ourLatency = await startLatency(
      async () => void (await caller.jobs.create({ type: "image-generation", prompt: "noop" })),
      starts.promises,
    );
    await ourDone.reach(LATENCY_SAMPLES);

    // Both paths in turn, three rounds, medians: the machine's load drifts over a run, and one
    // round of each, a minute apart, carried that drift into the ratio.
    const rawRuns: Array<Awaited<ReturnType<typeof throughput>>> = [];
    const ourRuns: Array<Awaited<ReturnType<typeof throughput>>> = [];
    const rawMeter = await cpuMeter();
    const ourMeter = await cpuMeter(opts.ferretDbPid);
    for (let round = 1; round <= 3; round++) {
      log(`queue: no-op throughput, raw pg-boss then jobs.create → complete, round ${round} of 3`);
      rawRuns.push(await throughput(rawDone, () => rawNotify.send("raw-throughput", {}), rawMeter));
      ourRuns.push(await throughput(ourDone, () => caller.jobs.create({ type: "image-generation", prompt: "noop" }), ourMeter));
      log(`queue: round ${round}: raw ${rawRuns.at(-1)?.rate.toFixed(1)} jobs/s, ours ${ourRuns.at(-1)?.rate.toFixed(1)} jobs/s`);
    }
    const rawRate = percentile(
      rawRuns.map((r) => r.rate),
      50,
    );
    const ourRate = percentile(
      ourRuns.map((r) => r.rate),
      50,
    );
    const rawCpu = medianCpu(rawRuns.map((r) => r.cpu));
    const ourCpu = medianCpu(ourRuns.map((r) => r.cpu));
    await boss.stop({ graceful: false });
    await rawNotify.stop({ graceful: false });
    await deps.close();

    figures.push(
      {
        name: "enqueue → worker start p50",
        value: percentile(ourLatency, 50),
        unit: "ms",
        baseline: "raw pg-boss, default polling",
        baselineValue: percentile(rawLatency, 50),
      },
      {
        name: "enqueue → worker start p99",
        value: percentile(ourLatency, 99),
        unit: "ms",
        baseline: "raw pg-boss, default polling",
        baselineValue: percentile(rawLatency, 99),
      },
      {
        name: "no-op jobs, create → completed",
        value: ourRate,
        unit: "jobs/s",
        baseline: "raw pg-boss send → work, same worker settings",
        baselineValue: rawRate,
      },
    );
    if (ourCpu && rawCpu) {
      // On two cores the rates are bounded by the CPU a job takes in all the processes together.
      const baseline = "raw pg-boss send → work";
      figures.push(
        {
          name: "no-op job: CPU per job, all processes",
          value: ourCpu.total / 1000,
          unit: "ms",
          baseline,
          baselineValue: rawCpu.total / 1000,
        },
        {
          name: "no-op job: CPU per job, API and worker process",
          value: ourCpu.thisProcess / 1000,
          unit: "ms",
          baseline,
          baselineValue: rawCpu.thisProcess / 1000,
        },
        {
          name: "no-op job: CPU per job, FerretDB (job documents)",
          value: (ourCpu.server ?? 0) / 1000,
          unit: "ms",
          baseline: "raw pg-boss keeps no document",
          baselineValue: 0,
        },
        {
          name: "no-op job: CPU per job, PostgreSQL",
          value: ourCpu.postgres / 1000,
          unit: "ms",
          baseline,
          baselineValue: rawCpu.postgres / 1000,
        },
      );
    }
  } finally {
    await db.drop();
  }
  return figures;
}
