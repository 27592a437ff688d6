import { Int32, Long, MongoClient, ObjectId } from "mongodb";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { localSocketDir } from "../../infra/docs-database.js";
import { type Mongo, connectMongo } from "../../shared/db/mongo/client.js";
import { embeddedEqualityFields, embeddedPartialSorts, embeddedSorts } from "../../shared/db/mongo/embedded-indexes.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { JOBS_COLLECTION } from "../../shared/db/mongo/jobs-collection.js";
import { cursorFilter, sortSpec } from "../../shared/db/mongo/job-pages.js";
import { JobsRepository } from "../../shared/db/mongo/jobs-repository.js";
import { ProviderWebhooks, WEBHOOKS_COLLECTION } from "../../shared/db/mongo/provider-webhooks.js";
import { waitFor } from "../helpers/processes.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { testConfig } from "../helpers/stack.js";

const DOCS = 5_000;
const USERS = 100;
const WORKSPACES = 10;

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

/** Every node of a PostgreSQL plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

function jobLike(i: number): JobDocument {
  const id = `job-${String(i).padStart(6, "0")}`;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000);
  return {
    _id: id,
    jobId: id,
    type: i % 3 === 0 ? "transcription" : "image-generation",
    status: i % 7 === 0 ? "failed" : "completed",
    userId: `user-${i % USERS}`,
    workspaceId: `ws-${i % WORKSPACES}`,
    visibility: "workspace",
    input: { prompt: `a lighthouse, take ${i}` },
    progress: 100,
    provider: { name: "fal", requestId: `req-${id}` },
    error: null,
    versions: [],
    searchTerms: ["lighthouse"],
    // Every tenth job is a variation of a picture of the job five before it: a lineage to look up.
    ...(i % 10 === 5 ? { parentJobId: `job-${String(i - 5).padStart(6, "0")}`, parentImage: 1 } : {}),
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * FerretDB on PostgreSQL, as `npm start` and the tests run it: the plans PostgreSQL makes for the
 * SQL FerretDB sends. FerretDB's `explain` answers with PostgreSQL's own plan of its query; an
 * update is that query followed by `UPDATE … WHERE _jsonb -> '_id' = $2`, whose plan is asked of
 * PostgreSQL directly; the statistics of the table show what the real calls did.
 */
describe.runIf(inject("stack").mongoSqlUrl)(`the embedded document store on PostgreSQL, at ${DOCS} jobs`, () => {
  const config = testConfig();
  let mongo: Mongo;
  let sql: pg.Client;
  let jobsTable: string;
  const schema = config.mongo.db;

  const tableOf = async (collection: string) => {
    const { rows } = await sql.query<{ table: string }>(
      `select _jsonb ->> 'table' as table from ${sql.escapeIdentifier(schema)}._ferretdb_database_metadata where _jsonb ->> '_id' = $1`,
      [collection],
    );
    const table = rows[0]?.table;
    if (!table) throw new Error(`FerretDB has no table for ${collection}`);
    return table;
  };
  const qualified = (table: string) => `${sql.escapeIdentifier(schema)}.${sql.escapeIdentifier(table)}`;
  const planOf = async (filter: object): Promise<PlanNode[]> => {
    const explained = (await rawJobs({ mongo }).find(filter).explain()) as { queryPlanner: { Plan: PlanNode } };
    return nodes(explained.queryPlanner.Plan);
  };
  const scans = async () => {
    const { rows } = await sql.query<{ seq: string; idx: string }>(
      "select seq_scan as seq, coalesce(idx_scan, 0) as idx from pg_stat_user_tables where schemaname = $1 and relname = $2",
      [schema, jobsTable],
    );
    return { seq: Number(rows[0]?.seq), idx: Number(rows[0]?.idx) };
  };

  beforeAll(async () => {
    mongo = await connectMongo(config.mongo.url ?? "", config.mongo.db);
    await new JobsRepository(mongo.db).ensureIndexes();
    const webhooks = new ProviderWebhooks(mongo.db);
    await webhooks.ensureIndexes();
    // On FerretDB that declares no index, so the collection comes with its first webhook.
    await webhooks.record("fal", "req-embedded-store", "OK", { jobId: "job-000001" });
    // The meeting passages likewise come with a transcription's first passage.
    await new JobsRepository(mongo.db).passages.replace(
      { jobId: "job-000002", workspaceId: "ws-embedded-store", userId: "u", visibility: "workspace", createdAt: new Date() },
      "call.wav",
      "transcript",
      [{ speaker: "A", start: 0, end: 900, text: "The first passage." }],
    );
    for (let i = 0; i < DOCS; i += 1_000) {
      await rawJobs({ mongo }).insertMany(Array.from({ length: 1_000 }, (_, k) => jobLike(i + k)));
    }
    sql = new pg.Client({ connectionString: inject("stack").mongoSqlUrl });
    await sql.connect();
    jobsTable = await tableOf(JOBS_COLLECTION);
  });

  afterAll(async () => {
    await sql?.end();
    await mongo?.close();
  });

  it("every collection's table has a GIN index for each field its queries filter on by equality", async () => {
    for (const [collection, fields] of Object.entries(embeddedEqualityFields)) {
      const table = await tableOf(collection);
      const { rows } = await sql.query<{ indexdef: string }>("select indexdef from pg_indexes where schemaname = $1 and tablename = $2", [
        schema,
        table,
      ]);
      for (const field of fields) {
        expect(rows.map((r) => r.indexdef)).toContainEqual(
          expect.stringContaining(`USING gin (((_jsonb -> '${field}'::text)) jsonb_path_ops)`),
        );
      }
    }
  });

  it("FerretDB reaches this machine's PostgreSQL through its Unix socket when the server takes it, else through TCP", async () => {
    await rawJobs({ mongo }).findOne({ _id: "job-000001" });
    const { rows } = await sql.query<{ tcp: number; socket: number }>(
      "select count(*) filter (where client_addr is not null)::int as tcp, count(*) filter (where client_addr is null)::int as socket from pg_stat_activity where datname = current_database() and application_name = 'FerretDB'",
    );
    const viaSocket = (await localSocketDir(inject("stack").mongoSqlUrl)) !== undefined;
    expect(rows[0]?.[viaSocket ? "tcp" : "socket"]).toBe(0);
    expect(rows[0]?.[viaSocket ? "socket" : "tcp"]).toBeGreaterThan(0);
  });

  it("a point read by _id is an index scan", async () => {
    const plan = await planOf({ _id: "job-004321" });
    expect(plan.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    // `_jsonb -> '_id' = $1` on the collection's unique _id index (infra/ferretdb/point-id-btree.patch).
    expect(plan.find((n) => n["Node Type"] === "Index Scan")?.["Index Name"]).toMatch(/__id__\w+_idx$/);
  });

  it("a read of a page's jobs by _id $in, in a workspace, probes the _id index an id and reads nothing else", async () => {
    const ids = Array.from({ length: 48 }, (_, k) => `job-${String(100 + k * 97).padStart(6, "0")}`);
    // As JobsRepository.getMany asks it: the workspace under $and, which FerretDB leaves to its own filter.
    const filter = { _id: { $in: ids }, $and: [{ workspaceId: "ws-3" }] };
    const plan = await planOf(filter);
    expect(plan.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    // `_jsonb -> '_id' = ANY($1::jsonb[])` on the collection's unique _id index (infra/ferretdb/id-in-btree.patch), alone.
    expect(plan.flatMap((n) => n["Index Name"] ?? [])).toEqual([expect.stringMatching(/__id__\w+_idx$/)]);
    const found = await rawJobs({ mongo }).find(filter).toArray();
    expect(found.map((d) => d.jobId).sort()).toEqual(ids.filter((id) => Number(id.slice(4)) % WORKSPACES === 3).sort());
  });

  it("an update by _id finds its document and writes it through indexes", async () => {
    // The query FerretDB runs first, with the repository's filter for a status change.
    const find = await planOf({ _id: "job-004321", status: { $nin: ["completed", "failed", "canceled"] } });
    expect(find.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    // Then the write, as FerretDB's PostgreSQL backend words it (backends/postgresql/collection.go).
    const { rows } = await sql.query<{ "QUERY PLAN": [{ Plan: PlanNode }] }>(
      `explain (format json) update ${qualified(jobsTable)} set _jsonb = _jsonb where _jsonb -> '_id' = '"job-004321"'::jsonb`,
    );
    const write = nodes(rows[0]?.["QUERY PLAN"][0].Plan ?? { "Node Type": "none" });
    expect(write.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(write.map((n) => n["Node Type"])).toContain("Index Scan");
  });

  it("a list page's filter (one member's visible jobs) is served by an index", async () => {
    const plan = await planOf({
      workspaceId: "ws-3",
      userId: "user-13",
      deletedAt: null,
      $or: [{ visibility: { $ne: "private" } }, { userId: "user-13" }],
    });
    expect(plan.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(plan.some((n) => /_(userid|workspaceid)_\w+_gin$/.test(n["Index Name"] ?? ""))).toBe(true);
  });

  it("a picture's children (jobs.list by parentJobId, in the viewer's scope) are found through the parentJobId index", async () => {
    const plan = await planOf({
      workspaceId: "ws-5",
      deletedAt: null,
      $or: [{ visibility: { $ne: "private" } }, { userId: "user-15" }],
      parentJobId: "job-004320",
    });
    expect(plan.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(plan.some((n) => /_parentjobid_\w+_gin$/.test(n["Index Name"] ?? ""))).toBe(true);
    expect((await rawJobs({ mongo }).find({ workspaceId: "ws-5", parentJobId: "job-004320" }).toArray()).map((d) => d._id)).toEqual([
      "job-004325",
    ]);
  });

  it("real reads and updates by _id scan nothing: the table's statistics count index scans only", async () => {
    const jobs = new JobsRepository(mongo.db);
    // Building each of the table's indexes scanned it once, and FerretDB's connections report
    // their counts when they next go idle, within about ten seconds: those come in first.
    const { rows } = await sql.query<{ n: number }>("select count(*)::int as n from pg_indexes where schemaname = $1 and tablename = $2", [
      schema,
      jobsTable,
    ]);
    const builds = rows[0]?.n ?? 0;
    const before = await waitFor(
      async () => ((await scans()).seq >= builds ? scans() : undefined),
      30_000,
      "the index builds' scans to show in the table's statistics",
      250,
    );
    expect(before.seq).toBe(builds);
    const calls = 40;
    for (let i = 0; i < calls; i++) {
      const id = `job-${String((i * 97) % DOCS).padStart(6, "0")}`;
      expect(await jobs.get(id)).not.toBeNull();
      await jobs.addSearchTerms(id, [`seen-${i}`]);
    }
    // Each read is one index scan, each update two (its query and its write). FerretDB's
    // connections report their counts when they next go idle, within about ten seconds.
    const after = await waitFor(
      async () => {
        const now = await scans();
        return now.idx - before.idx >= calls * 3 ? now : undefined;
      },
      30_000,
      "the reads and updates to show in the table's index scans",
      250,
    );
    expect(after.seq - before.seq).toBe(0);
  });

  it("a collection dropped and made again gets its indexes again", async () => {
    const webhooks = mongo.db.collection(WEBHOOKS_COLLECTION);
    await webhooks.drop();
    await new ProviderWebhooks(mongo.db).record("fal", "req-again", "OK", { jobId: "job-000001" });
    const table = await tableOf(WEBHOOKS_COLLECTION);
    const { rows } = await sql.query<{ indexname: string }>(
      "select indexname from pg_indexes where schemaname = $1 and tablename = $2 and indexname like '%_gin'",
      [schema, table],
    );
    expect(rows).toHaveLength(embeddedEqualityFields[WEBHOOKS_COLLECTION]?.length ?? -1);
  });

  it("each sort the repositories ask for has its index", async () => {
    for (const [collection, sorts] of Object.entries(embeddedSorts)) {
      const table = await tableOf(collection);
      const { rows } = await sql.query<{ indexdef: string }>(
        "select indexdef from pg_indexes where schemaname = $1 and tablename = $2 and indexname like '%_sort'",
        [schema, table],
      );
      const partial = embeddedPartialSorts[collection] ?? [];
      expect(rows).toHaveLength(sorts.length + partial.length);
      for (const { only } of partial) {
        expect(rows.some((r) => Object.values(only).every((v) => r.indexdef.includes(JSON.stringify(v))))).toBe(true);
      }
      for (const sort of sorts) {
        const fields = sort.map(([field]) => `'${field}'::text`);
        expect(rows.some((r) => fields.every((f) => r.indexdef.includes(f)))).toBe(true);
      }
    }
  });

  it("list pages come newest first through the table's indexes, without repeats or gaps, as MongoDB orders them", async () => {
    const jobs = new JobsRepository(mongo.db);
    // Each page's equalities (workspace, user) and its order reach PostgreSQL: it reads them through an
    // index, the sort index or the fields' GIN indexes as its planner finds cheaper, never the whole table.
    const scans = async () => {
      const { rows } = await sql.query<{ idx: string; seq: string }>(
        "select coalesce(idx_scan, 0) as idx, coalesce(seq_scan, 0) as seq from pg_stat_user_tables where schemaname = $1 and relname = $2",
        [schema, jobsTable],
      );
      return { idx: Number(rows[0]?.idx), seq: Number(rows[0]?.seq) };
    };
    const before = await scans();
    // The API's filter for one member's list: only its workspace and user are sent to PostgreSQL.
    const filter = {
      workspaceId: "ws-3",
      userId: "user-13",
      deletedAt: null,
      $or: [{ visibility: { $ne: "private" as const } }, { userId: "user-13" }],
    };
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<JobsRepository["page"]>> = await jobs.page(filter, { limit: 20, cursor });
      seen.push(...page.items.map((j) => j.jobId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    const expected = Array.from({ length: DOCS }, (_, i) => jobLike(i))
      .filter((j) => j.workspaceId === "ws-3" && j.userId === "user-13")
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.jobId < b.jobId ? 1 : -1))
      .map((j) => j.jobId);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 20));
    const after = await waitFor(
      async () => {
        const n = await scans();
        return n.idx >= before.idx + pages ? n : undefined;
      },
      30_000,
      "the pages to show in the table's index scans",
      250,
    );
    expect(after.idx).toBeGreaterThanOrEqual(before.idx + pages);
    expect(after.seq).toBe(before.seq);
  });

  it("sorts values of every scalar BSON type in MongoDB's order, a missing field as null", async () => {
    const coll = mongo.db.collection<{ _id: string; v?: unknown }>("sort_order");
    // Ascending, as MongoDB orders them: null and missing (equal, so by _id), numbers, strings by bytes, ObjectIds, booleans, dates.
    const ordered: unknown[] = [
      null,
      -1e20,
      -5,
      0,
      new Int32(1),
      2.5,
      new Long(7),
      1e20,
      "",
      "B",
      "a",
      "ab",
      "é",
      new ObjectId("000000000000000000000001"),
      new ObjectId("ffffffffffffffffffffffff"),
      false,
      true,
      new Date(-1e9),
      new Date(0),
      new Date(1e12),
    ];
    // Inserted in a shuffled order, so an unsorted answer cannot pass.
    const docs = ordered.map((v, i) => ({ _id: `s${String(i).padStart(2, "0")}`, v }));
    const shuffled = [...docs.slice(7), { _id: "s-missing" }, ...docs.slice(0, 7).reverse()];
    await coll.insertMany(shuffled);
    const up = (await coll.find({}).sort({ v: 1, _id: 1 }).toArray()).map((d) => d._id);
    expect(up).toEqual(["s-missing", "s00", ...docs.slice(1).map((d) => d._id)]);
    const down = (await coll.find({}).sort({ v: -1 }).limit(3).toArray()).map((d) => d._id);
    expect(down).toEqual(["s19", "s18", "s17"]);
  });

  it("two processes' driver pools full of updates at once all finish", async () => {
    // FerretDB holds one connection while it takes a second for an update's write: with too small
    // a pool (infra/ferretdb-server.ts) enough updates at once wait for each other for ever.
    const clients = [
      new MongoClient(config.mongo.url ?? "", { maxPoolSize: 20 }),
      new MongoClient(config.mongo.url ?? "", { maxPoolSize: 20 }),
    ];
    try {
      const updates = clients.flatMap((client, c) =>
        Array.from({ length: 20 }, (_, i) =>
          client
            .db(config.mongo.db)
            .collection<JobDocument>(JOBS_COLLECTION)
            .updateOne({ _id: `job-${String(c * 20 + i).padStart(6, "0")}` }, { $set: { progress: 50 } }),
        ),
      );
      const results = await Promise.all(updates);
      expect(results.map((r) => r.matchedCount)).toEqual(Array(40).fill(1));
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it("concurrent updates of one document lose some: why a running job has one writer", async () => {
    const jobs = rawJobs({ mongo });
    await jobs.updateOne({ _id: "job-000002" }, { $set: { progress: 0 } });
    await Promise.all(Array.from({ length: 100 }, () => jobs.updateOne({ _id: "job-000002" }, { $inc: { progress: 1 } })));
    const doc = await jobs.findOne({ _id: "job-000002" });
    // MongoDB would have 100. FerretDB v1 reads, changes and writes back without holding the document.
    expect(doc?.progress).toBeLessThan(100);
  });

  it("a NaN in a request is refused as BadValue, and nothing is written", async () => {
    // FerretDB v1 cannot store a NaN. The project's build checks each request's decoded document
    // instead of decoding every message again (infra/ferretdb/point-ops-cpu.patch); the connection
    // stays usable, where the wire package's own check dropped it.
    const collection = mongo.db.collection<{ _id: string; v?: unknown }>("nan_refusals");
    const refused = { code: 2, codeName: "BadValue", message: expect.stringContaining("NaN is not supported") };
    await expect(collection.insertOne({ _id: "nan", v: Number.NaN })).rejects.toMatchObject(refused);
    await collection.insertOne({ _id: "fine", v: 1 });
    await expect(collection.updateOne({ _id: "fine" }, { $set: { v: [1, { deep: Number.NaN }] } })).rejects.toMatchObject(refused);
    expect(await collection.find({}).toArray()).toEqual([{ _id: "fine", v: 1 }]);
  });

  it("a later cursor page of one member's jobs starts its sort index scan at the cursor: a range, not the index's first row", async () => {
    // A workspace where one member has half the jobs: reading the sort index from the cursor on is
    // the cheapest plan, as for a member's list among a few teammates at 100,000 jobs.
    const at = Date.UTC(2026, 2, 1);
    const mine = Array.from({ length: 3_000 }, (_, i) => ({
      ...jobLike(DOCS + i),
      workspaceId: "ws-cursor",
      userId: `cursor-${i % 2}`,
      createdAt: new Date(at + i * 1000),
    }));
    await rawJobs({ mongo }).insertMany(mine);
    await sql.query(`analyze ${qualified(jobsTable)}`);
    const jobs = new JobsRepository(mongo.db);
    const scope = {
      workspaceId: "ws-cursor",
      userId: "cursor-1",
      deletedAt: null,
      $or: [{ visibility: { $ne: "private" as const } }, { userId: "cursor-1" }],
    };
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) cursor = (await jobs.page(scope, { limit: 24, cursor })).nextCursor;
    if (!cursor) throw new Error("the member's list ended before page 11");
    // The page's statement as the repository asks it, explained by FerretDB as its find sends it.
    const filter = cursorFilter(scope, cursor, "newest");
    const explained = (await rawJobs({ mongo }).find(filter).sort(sortSpec("newest")).limit(25).explain()) as {
      queryPlanner: { Plan: PlanNode & { "Index Cond"?: string } };
    };
    const plan = nodes(explained.queryPlanner.Plan) as Array<PlanNode & { "Index Cond"?: string }>;
    expect(plan.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(plan.map((n) => n["Node Type"])).not.toContain("Bitmap Heap Scan");
    // The rows within the range: the sort index read from the cursor's time down
    // (`NULLIF(_jsonb -> 'createdAt', 'null') <= …`, infra/ferretdb/range-pushdown.patch).
    const inRange = plan.find((n) => n["Node Type"] === "Index Scan" && /NULLIF.*<=/.test(n["Index Cond"] ?? ""));
    expect(inRange?.["Index Name"]).toMatch(/_sort$/);
    // The page itself: the member's next 24 jobs, newest first.
    const page = await jobs.page(scope, { limit: 24, cursor });
    const expected = mine
      .filter((j) => j.userId === "cursor-1")
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(240, 264)
      .map((j) => j.jobId);
    expect(page.items.map((j) => j.jobId)).toEqual(expected);
  });

  it("range comparisons on a sort's first field answer as MongoDB does: one type's values in range, and arrays holding one", async () => {
    const coll = mongo.db.collection<{ _id: string; v?: unknown }>("range_order");
    const oid = (n: number) => new ObjectId(n.toString(16).padStart(24, "0"));
    await coll.insertMany([
      { _id: "d1", v: new Date(1000) },
      { _id: "d2", v: new Date(2000) },
      { _id: "d3", v: new Date(3000) },
      { _id: "a-early", v: [new Date(500), "x"] },
      { _id: "a-late", v: [new Date(5000)] },
      { _id: "s-a", v: "a" },
      { _id: "s-b", v: "b" },
      { _id: "s-e", v: "é" },
      { _id: "o1", v: oid(1) },
      { _id: "o2", v: oid(2) },
      { _id: "n", v: 1500 },
      { _id: "null", v: null },
      { _id: "missing" },
    ]);
    const ids = async (filter: object, sort: Record<string, 1 | -1>) => (await coll.find(filter).sort(sort).toArray()).map((d) => d._id);
    // Arrays sort by their type here (infra/ferretdb/sort-pushdown.patch), so only the set is compared where one matches.
    expect((await ids({ v: { $lte: new Date(2000) } }, { v: -1, _id: 1 })).sort()).toEqual(["a-early", "d1", "d2"]);
    expect(await ids({ v: { $gt: new Date(1000), $lt: new Date(3000) } }, { v: -1, _id: 1 })).toEqual(["d2"]);
    expect((await ids({ v: { $gte: new Date(2000) } }, { v: 1, _id: 1 })).sort()).toEqual(["a-late", "d2", "d3"]);
    expect((await ids({ v: { $gt: "a" } }, { v: 1 })).sort()).toEqual(["a-early", "s-b", "s-e"]);
    expect((await ids({ v: { $lt: "é", $gte: "a" } }, { v: -1 })).sort()).toEqual(["a-early", "s-a", "s-b"]);
    expect(await ids({ v: { $lt: "é", $gte: "a" }, _id: { $ne: "a-early" } }, { v: -1 })).toEqual(["s-b", "s-a"]);
    expect(await ids({ v: { $lt: oid(2) } }, { v: -1 })).toEqual(["o1"]);
    // Numbers are left to FerretDB's own filter.
    expect(await ids({ v: { $lt: 2000 } }, { v: -1 })).toEqual(["n"]);
  });
});
