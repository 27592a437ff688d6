import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Collection, MongoClient } from "mongodb";
import pg from "pg";
import { type ManagedProcess, freePort } from "../infra/child-process.js";
import { localSocketDir } from "../infra/docs-database.js";
import { startFerretDb } from "../infra/ferretdb-server.js";
import type { Config } from "../shared/config.js";
import { JOBS_COLLECTION } from "../shared/db/mongo/jobs-collection.js";
import { JobsRepository } from "../shared/db/mongo/jobs-repository.js";
import type { Figure } from "./figure.js";
import { scratchDatabase } from "./scratch-db.js";
import { type CpuMeter, type CpuPerOp, cpuMeter, medianCpu } from "./cpu.js";
import { now, percentile } from "./stats.js";

/** Callers at once, as in the measurements: more than a worker process runs, fewer than the driver's pool. */
const CALLERS = 8;
const SIZES = [1_000, 10_000, 100_000];
/** The SQLite backend scans for every query: 100,000 documents would take minutes per figure. */
const SQLITE_SIZES = [1_000, 10_000];
const INSERT_BATCH = 5_000;

interface Rate {
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Where each operation's CPU went, when the run was metered. */
  cpu?: CpuPerOp;
}

interface Store {
  name: string;
  insert(docs: JobLike[]): Promise<void>;
  read(id: string): Promise<unknown>;
  update(id: string, progress: number): Promise<unknown>;
  /** The API's list page: one member's newest jobs, 20 of them. */
  listPage(workspaceId: string, userId: string): Promise<unknown>;
}

/** The list figure's member: one user with this many jobs, as a heavy user of the embedded default would have. */
const LIST_USER_JOBS = 10_000;

interface JobLike {
  _id: string;
  [field: string]: unknown;
}

const idOf = (i: number) => `job_${i.toString(36).padStart(8, "0")}`;

/** A completed image job, as the repository writes one (about 1 KB of JSON). */
function jobLike(i: number): JobLike {
  const id = idOf(i);
  const created = new Date(Date.UTC(2026, 0, 1) + i * 1000);
  return {
    _id: id,
    jobId: id,
    type: "image-generation",
    status: "completed",
    userId: `user-${i % 100}`,
    workspaceId: `ws-${i % 10}`,
    visibility: "workspace",
    input: { prompt: `a lighthouse in fog, number ${i}`, imageSize: "square", count: 1 },
    progress: 100,
    provider: { name: "fal", requestId: `req-${id}`, queuePosition: null, logs: [] },
    error: null,
    versions: [
      {
        version: 1,
        images: [{ key: `images/ws-${i % 10}/${id}/v1/image_1.png`, width: 1024, height: 1024, sizeBytes: 1_234_567 }],
        createdAt: created,
      },
    ],
    searchTerms: ["lighthouse", "fog", "number", String(i)],
    createdAt: created,
    updatedAt: created,
  };
}

/** `CALLERS` loops, each calling `op` with fresh random ids until the time is up; after a short warm-up. */
async function drive(op: () => Promise<unknown>, seconds: number, meter?: CpuMeter): Promise<Rate> {
  const run = async (ms: number) => {
    const latencies: number[] = [];
    const end = now() + ms;
    await Promise.all(
      Array.from({ length: CALLERS }, async () => {
        while (now() < end) {
          const t0 = now();
          await op();
          latencies.push(now() - t0);
        }
      }),
    );
    return latencies;
  };
  await run(500);
  const before = meter?.available ? await meter.snapshot() : undefined;
  const started = now();
  const latencies = await run(seconds * 1000);
  const elapsed = (now() - started) / 1000;
  const cpu = meter && before ? meter.perOp(before, await meter.snapshot(), latencies.length) : undefined;
  return {
    opsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ...(cpu ? { cpu } : {}),
  };
}

/**
 * The store and its baseline measured in turn, `rounds` times, each figure the median of its
 * rounds: the machine's load drifts over a run, and a baseline measured once, before the store,
 * carried that drift into the ratio (the same figure moved by ±15% between runs).
 */
async function driveBeside(
  op: () => Promise<unknown>,
  baselineOp: () => Promise<unknown>,
  seconds: number,
  meters: { store?: CpuMeter; base?: CpuMeter } = {},
  rounds = 3,
): Promise<{ store: Rate; base: Rate }> {
  const store: Rate[] = [];
  const base: Rate[] = [];
  for (let i = 0; i < rounds; i++) {
    base.push(await drive(baselineOp, seconds, meters.base));
    store.push(await drive(op, seconds, meters.store));
  }
  const median = (rates: Rate[]): Rate => {
    const cpu = medianCpu(rates.map((r) => r.cpu));
    return {
      opsPerSecond: percentile(
        rates.map((r) => r.opsPerSecond),
        50,
      ),
      p50Ms: percentile(
        rates.map((r) => r.p50Ms),
        50,
      ),
      p99Ms: percentile(
        rates.map((r) => r.p99Ms),
        50,
      ),
      ...(cpu ? { cpu } : {}),
    };
  };
  return { store: median(store), base: median(base) };
}

function mongoStore(name: string, collection: Collection<JobLike>): Store {
  return {
    name,
    insert: async (docs) => void (await collection.insertMany(docs, { ordered: false })),
    read: (id) => collection.findOne({ _id: id }),
    update: (id, progress) => collection.updateOne({ _id: id }, { $set: { progress, updatedAt: new Date() } }),
    // The repository's page query (JobsRepository.page) as the API asks it for one member's jobs:
    // only the workspace and the user go to PostgreSQL, the rest is filtered by FerretDB.
    listPage: (workspaceId, userId) =>
      collection
        .find(
          { workspaceId, userId, deletedAt: null, $or: [{ visibility: { $ne: "private" } }, { userId }] },
          { projection: { searchTerms: 0, "delivery.interaction": 0, "delivery.responseUrl": 0, "delivery.responseUrlExpiresAt": 0 } },
        )
        .sort({ createdAt: -1, jobId: -1 })
        .limit(21)
        .toArray(),
  };
}

async function analyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

/**
 * The machine's limit for the same lookups: one jsonb column, a btree index on the id, plain SQL,
 * over the same kind of connection the embedded FerretDB has (the server's Unix socket when it
 * takes one, see localSocketDir).
 */
async function rawSqlStore(databaseUrl: string): Promise<{ store: Store; close(): Promise<void> }> {
  const url = new URL(databaseUrl);
  const socketDir = await localSocketDir(databaseUrl);
  if (socketDir) url.searchParams.set("host", socketDir);
  const pool = new pg.Pool({ connectionString: url.toString(), max: CALLERS });
  await pool.query("create table jobs (doc jsonb not null)");
  await pool.query("create unique index jobs_id on jobs ((doc ->> '_id'))");
  await pool.query("create index jobs_owner on jobs ((doc ->> 'workspaceId'), (doc ->> 'userId'), (doc ->> 'createdAt') desc)");
  const store: Store = {
    name: "raw SQL: jsonb + btree",
    async insert(docs) {
      await pool.query("insert into jobs (doc) select value from jsonb_array_elements($1::jsonb)", [JSON.stringify(docs)]);
      await pool.query("analyze jobs");
    },
    read: (id) => pool.query("select doc from jobs where doc ->> '_id' = $1", [id]),
    update: (id, progress) =>
      pool.query("update jobs set doc = doc || jsonb_build_object('progress', $2::int, 'updatedAt', $3::text) where doc ->> '_id' = $1", [
        id,
        progress,
        new Date().toISOString(),
      ]),
    listPage: (workspaceId, userId) =>
      pool.query(
        "select doc from jobs where doc ->> 'workspaceId' = $1 and doc ->> 'userId' = $2 order by doc ->> 'createdAt' desc limit 20",
        [workspaceId, userId],
      ),
  };
  return { store, close: () => pool.end() };
}

async function growTo(store: Store, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += INSERT_BATCH) {
    await store.insert(Array.from({ length: Math.min(INSERT_BATCH, to - i) }, (_, k) => jobLike(i + k)));
  }
}

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

/** The size whose point operations are metered for where their CPU goes. */
const CPU_SPLIT_SIZE = 10_000;

/**
 * Each process's CPU per operation beside the raw SQL path's: on two cores the rates are
 * bounded by the sum, so these say which part of the embedded store a ratio is made of.
 */
function cpuFigures(name: string, store: CpuPerOp | undefined, base: CpuPerOp | undefined): Figure[] {
  if (!store || !base) return [];
  const baseline = "raw SQL: jsonb + btree, same size";
  return [
    { name: `${name}: CPU per op, all processes`, value: store.total, unit: "µs", baseline, baselineValue: base.total },
    {
      name: `${name}: CPU per op, client process (driver)`,
      value: store.thisProcess,
      unit: "µs",
      baseline,
      baselineValue: base.thisProcess,
    },
    {
      name: `${name}: CPU per op, FerretDB`,
      value: store.server ?? 0,
      unit: "µs",
      baseline: "raw SQL has no server between",
      baselineValue: 0,
    },
    { name: `${name}: CPU per op, PostgreSQL`, value: store.postgres, unit: "µs", baseline, baselineValue: base.postgres },
  ];
}

/**
 * The embedded document store's point reads and writes by `_id` (FerretDB on PostgreSQL with its
 * GIN indexes, as `npm start` runs it), each beside the same lookup as raw SQL at the same size
 * in the same run; FerretDB on SQLite, the earlier default, at the sizes it can manage.
 */
export async function storeBenchmark(config: Config, log: (m: string) => void, opts: { seconds?: number } = {}): Promise<Figure[]> {
  const seconds = opts.seconds ?? 2;
  const dir = await mkdtemp(path.join(tmpdir(), "cg-bench-store-"));
  const docsDb = await scratchDatabase(config.databaseUrl, "benchdocs");
  const rawDb = await scratchDatabase(config.databaseUrl, "benchraw");
  const servers: ManagedProcess[] = [];
  const clients: MongoClient[] = [];
  const figures: Figure[] = [];
  let raw: Awaited<ReturnType<typeof rawSqlStore>> | undefined;
  try {
    const onPostgresql = await startFerretDb(path.join(dir, "postgresql"), await freePort(), log, {
      backend: "postgresql",
      databaseUrl: docsDb.url,
    });
    servers.push(onPostgresql);
    const onSqlite = await startFerretDb(path.join(dir, "sqlite"), await freePort(), log);
    servers.push(onSqlite);
    // The jobs collection with the repository's own indexes, so a write pays for every index it
    // pays for in use; reached as `npm start` reaches it (its Unix socket).
    const connect = async (url: string) => {
      const client = new MongoClient(url, { maxPoolSize: CALLERS });
      clients.push(client);
      const db = client.db("bench");
      await new JobsRepository(db).ensureIndexes();
      return db.collection<JobLike>(JOBS_COLLECTION);
    };
    const ferret = mongoStore("FerretDB on PostgreSQL (npm start)", await connect(onPostgresql.url));
    // Statistics as fresh as the baseline's (it analyzes after each insert): autovacuum would
    // analyze the table within a minute of the load, after the figures were taken.
    const embedded: Store = {
      ...ferret,
      async insert(docs) {
        await ferret.insert(docs);
        await analyze(docsDb.url);
      },
    };
    const sqlite = mongoStore("FerretDB on SQLite (before)", await connect(onSqlite.url));
    raw = await rawSqlStore(rawDb.url);
    const baseline = raw.store;
    const meters = { store: await cpuMeter(onPostgresql.pid), base: await cpuMeter() };

    const sizes = new Map<Store, number>();
    for (const target of SIZES) {
      const stores = [embedded, baseline, ...(SQLITE_SIZES.includes(target) ? [sqlite] : [])];
      log(`store: loading ${label(target)} documents into ${stores.length} stores`);
      for (const s of stores) {
        await growTo(s, sizes.get(s) ?? 0, target);
        sizes.set(s, target);
      }
      const randomId = () => idOf(Math.floor(Math.random() * target));
      let counter = 0;
      const ops = {
        "findOne({_id})": (s: Store) => () => s.read(randomId()),
        "updateOne({_id}, $set)": (s: Store) => () => s.update(randomId(), counter++ % 100),
      };
      for (const [opName, op] of Object.entries(ops)) {
        log(`store: ${opName} at ${label(target)} on ${embedded.name}, in turn with the baseline`);
        const beside = await driveBeside(op(embedded), op(baseline), seconds, target === CPU_SPLIT_SIZE ? meters : {});
        const base = beside.base;
        figures.push(...cpuFigures(`${opName} at ${label(target)} docs on ${embedded.name}`, beside.store.cpu, beside.base.cpu));
        for (const s of stores.filter((x) => x !== baseline)) {
          // SQLite scans, hundreds of times slower: one round says enough.
          if (s !== embedded) log(`store: ${opName} at ${label(target)} on ${s.name}`);
          const r = s === embedded ? beside.store : await drive(op(s), seconds);
          const name = `${opName} at ${label(target)} docs on ${s.name}`;
          const baselineName = `${baseline.name}, same size`;
          figures.push(
            { name: `${name}: throughput`, value: r.opsPerSecond, unit: "ops/s", baseline: baselineName, baselineValue: base.opsPerSecond },
            { name: `${name}: p50 latency`, value: r.p50Ms, unit: "ms", baseline: baselineName, baselineValue: base.p50Ms },
            { name: `${name}: p99 latency`, value: r.p99Ms, unit: "ms", baseline: baselineName, baselineValue: base.p99Ms },
          );
        }
      }
    }

    // One member with 10k jobs: the page a heavy user of the embedded default opens most.
    log(`store: list page of a member with ${label(LIST_USER_JOBS)} jobs`);
    for (const s of [embedded, baseline]) {
      for (let i = 0; i < LIST_USER_JOBS; i += INSERT_BATCH) {
        await s.insert(
          Array.from({ length: Math.min(INSERT_BATCH, LIST_USER_JOBS - i) }, (_, k) => ({
            ...jobLike(1_000_000 + i + k),
            workspaceId: "ws-list",
            userId: "heavy",
          })),
        );
      }
    }
    const page = (s: Store) => () => s.listPage("ws-list", "heavy");
    const { store: r, base } = await driveBeside(page(embedded), page(baseline), seconds);
    const name = `list page (20 of a member's ${label(LIST_USER_JOBS)} jobs, newest first) on ${embedded.name}`;
    const baselineName = `${baseline.name}, btree on (workspaceId, userId, createdAt)`;
    figures.push(
      { name: `${name}: throughput`, value: r.opsPerSecond, unit: "pages/s", baseline: baselineName, baselineValue: base.opsPerSecond },
      { name: `${name}: p50 latency`, value: r.p50Ms, unit: "ms", baseline: baselineName, baselineValue: base.p50Ms },
      { name: `${name}: p99 latency`, value: r.p99Ms, unit: "ms", baseline: baselineName, baselineValue: base.p99Ms },
    );
    return figures;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await raw?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await docsDb.drop();
    await rawDb.drop();
    await rm(dir, { recursive: true, force: true });
  }
}
