import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Double, type Document, Int32, Long, MongoClient, ObjectId } from "mongodb";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { docsDatabaseName, prepareDocsDatabase } from "../../infra/docs-database.js";
import { startFerretDb } from "../../infra/ferretdb-server.js";
import { startLocalStack } from "../../infra/local-stack.js";
import { loadConfig } from "../../shared/config.js";
import { JOBS_COLLECTION, jobIndexes } from "../../shared/db/mongo/jobs-collection.js";
import { JobsRepository } from "../../shared/db/mongo/jobs-repository.js";
import { ProviderWebhooks } from "../../shared/db/mongo/provider-webhooks.js";
import { runEntry } from "../helpers/processes.js";
import { createTestDatabase } from "../helpers/stack.js";

const JOBS = 1_234;
const DB = "content";

function jobLike(i: number): Document {
  const id = `job-${String(i).padStart(5, "0")}`;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  return {
    _id: id,
    jobId: id,
    type: i % 4 === 0 ? "transcription" : "image-generation",
    status: i % 9 === 0 ? "failed" : "completed",
    userId: `user-${i % 7}`,
    workspaceId: "ws-1",
    visibility: i % 5 === 0 ? "private" : "workspace",
    input: { prompt: `a harbour at dawn, take ${i}`, count: new Int32(2), seed: i * 1_000_003 },
    progress: 100,
    provider: { name: "fal", requestId: `req-${id}`, logs: [] },
    error: i % 9 === 0 ? { code: "PROVIDER_FAILED", message: "the model refused" } : null,
    versions: [{ version: 1, images: [{ key: `images/user-${i % 7}/${id}/image_1.png`, width: 1024, height: 768 }], createdAt: at }],
    searchTerms: ["harbour", "dawn", String(i)],
    createdAt: at,
    updatedAt: at,
  };
}

/** Every document of every collection a client sees, by database and collection, in _id order. */
async function everything(client: MongoClient): Promise<Record<string, Document[]>> {
  const out: Record<string, Document[]> = {};
  for (const db of [DB, "other"]) {
    for (const { name } of await client.db(db).listCollections({}, { nameOnly: true }).toArray()) {
      // As stored: Int32, Int64 and Double apart, so a copy that changed a number's type differs.
      out[`${db}.${name}`] = await client.db(db).collection(name).find({}, { promoteValues: false }).sort({ _id: 1 }).toArray();
    }
  }
  return out;
}

describe("an earlier version's SQLite store: npm start keeps it and says how to move it; store migrate moves it into PostgreSQL", {
  timeout: 180_000,
}, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;
  let expected: Record<string, Document[]>;
  const sqliteDir = () => path.join(dataDir, "ferretdb");
  const config = () =>
    loadConfig({
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      MONGODB_DB: DB,
      // Only the document store is under test: the stack starts no S3 server of its own.
      S3_ENDPOINT: inject("stack").s3Endpoint,
    });
  const storeMigrate = async () => {
    const run = runEntry("apps/store-migrate.ts", { LOG_LEVEL: "silent", DATABASE_URL: database.url, DATA_DIR: dataDir, MONGODB_DB: DB });
    const code = await run.exited;
    return { code, stdout: run.stdout(), stderr: run.stderr() };
  };
  const withFerretDb = async <T>(
    dir: string,
    store: Parameters<typeof startFerretDb>[3],
    fn: (client: MongoClient) => Promise<T>,
  ): Promise<T> => {
    const port = await freePort();
    const server = await startFerretDb(dir, port, () => {}, store);
    const client = new MongoClient(`mongodb://127.0.0.1:${port}/`);
    try {
      return await fn(client);
    } finally {
      await client.close();
      await server.stop();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), "cg-migrate-"));
    // What an earlier version left: jobs with the repository's indexes, a webhook, and a second database with a unique index.
    expected = await withFerretDb(dataDir, undefined, async (client) => {
      const db = client.db(DB);
      await new JobsRepository(db).ensureIndexes();
      // The versions that kept jobs in SQLite made every declared index there.
      for (const { key, name, unique } of jobIndexes) if (!unique) await db.collection(JOBS_COLLECTION).createIndex({ ...key }, { name });
      const docs = Array.from({ length: JOBS }, (_, i) => jobLike(i));
      for (let i = 0; i < docs.length; i += 500) await db.collection(JOBS_COLLECTION).insertMany(docs.slice(i, i + 500));
      await new ProviderWebhooks(db).record("fal", "req-job-00007", "OK", { jobId: "job-00007" });
      await client.db("other").collection("notes").createIndex({ slug: 1 }, { name: "slug_unique", unique: true });
      await client
        .db("other")
        .collection("notes")
        .insertOne({ _id: new ObjectId(), slug: "welcome", body: "é ✓", at: new Date(0), views: Long.fromNumber(5), ratio: new Double(2) });
      return everything(client);
    });
  });

  afterAll(async () => {
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("npm start stays on SQLite while PostgreSQL is empty, and its line names store migrate", async () => {
    const lines: string[] = [];
    const stack = await startLocalStack(config(), { dataDir, log: (m) => lines.push(m) });
    try {
      expect(stack.mongoStore?.backend).toBe("sqlite");
      expect(lines.join("\n")).toMatch(/job documents stay in SQLite[\s\S]*npm run store:migrate/);
      const client = new MongoClient(stack.config.mongo.url ?? "");
      try {
        expect(await client.db(DB).collection(JOBS_COLLECTION).countDocuments()).toBe(JOBS);
      } finally {
        await client.close();
      }
    } finally {
      await stack.stop();
    }
  });

  it("refuses while npm start's FerretDB runs on the files, and moves nothing", async () => {
    const port = await freePort();
    const running = await startFerretDb(dataDir, port, () => {});
    try {
      const res = await storeMigrate();
      expect(res.code).not.toBe(0);
      expect(res.stderr).toMatch(new RegExp(`a FerretDB server \\(pid ${running.pid}\\) runs with .*: stop npm start first`));
    } finally {
      await running.stop();
    }
    expect((await readdir(sqliteDir())).filter((f) => f.endsWith(".sqlite")).sort()).toEqual([`${DB}.sqlite`, "other.sqlite"]);
  });

  /** Puts documents straight into the PostgreSQL store, as an earlier run or an earlier start would have. */
  const intoPostgres = async (fn: (client: MongoClient) => Promise<unknown>) => {
    const docsUrl = await prepareDocsDatabase(database.url, docsDatabaseName(database.url), false);
    const scratch = await mkdtemp(path.join(tmpdir(), "cg-migrate-pg-"));
    try {
      await withFerretDb(scratch, { backend: "postgresql", databaseUrl: docsUrl }, fn);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  };

  it("a different document under the same _id stops the move: named, the SQLite files in place, and npm start stays on SQLite", async () => {
    const note = expected["other.notes"]?.[0] ?? {};
    await intoPostgres((client) =>
      client
        .db("other")
        .collection("notes")
        .insertOne({ ...note, body: "edited since" }),
    );
    const res = await storeMigrate();
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain(`other.notes: document ${JSON.stringify(note._id)} conflicts with a stored one`);
    expect((await readdir(sqliteDir())).filter((f) => f.endsWith(".sqlite")).sort()).toEqual([`${DB}.sqlite`, "other.sqlite"]);

    // Part of the documents may be in PostgreSQL now; SQLite still holds them all, and npm start uses it.
    const lines: string[] = [];
    const stack = await startLocalStack(config(), { dataDir, log: (m) => lines.push(m) });
    try {
      expect(stack.mongoStore?.backend).toBe("sqlite");
      expect(lines.join("\n")).toMatch(/a store migrate into PostgreSQL .* did not finish/);
    } finally {
      await stack.stop();
    }
    // Start the next test from an empty PostgreSQL store.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`drop database ${admin.escapeIdentifier(docsDatabaseName(database.url))} with (force)`);
    await admin.end();
  });

  it("copies every database and collection with its unique indexes, counts what an earlier run copied, and the next start reads the same documents from PostgreSQL", async () => {
    // An earlier run that stopped half way: a job of the second batch is in PostgreSQL already.
    await intoPostgres((client) =>
      client
        .db(DB)
        .collection(JOBS_COLLECTION)
        .insertOne(expected[`${DB}.${JOBS_COLLECTION}`]?.[700] ?? {}),
    );

    const res = await storeMigrate();
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      `${DB}.${JOBS_COLLECTION}: ${JOBS} documents, ${JOBS - 1} copied, 1 already there, unique indexes jobId_unique`,
    );
    expect(res.stdout).toContain(`${DB}.provider_webhooks: 1 document, 1 copied, 0 already there\n`);
    expect(res.stdout).toContain("other.notes: 1 document, 1 copied, 0 already there, unique indexes slug_unique");
    expect(res.stdout).toMatch(/done; the documents are in PostgreSQL database \S+_docs/);

    // The SQLite files are kept aside, so the next start no longer finds them.
    expect((await readdir(sqliteDir())).filter((f) => f.endsWith(".sqlite"))).toEqual([]);
    const kept = (await readdir(sqliteDir())).find((f) => f.startsWith("moved-to-postgresql-")) ?? "";
    expect((await readdir(path.join(sqliteDir(), kept))).filter((f) => f.endsWith(".sqlite")).sort()).toEqual([
      `${DB}.sqlite`,
      "other.sqlite",
    ]);

    const stack = await startLocalStack(config(), { dataDir });
    try {
      expect(stack.mongoStore?.backend).toBe("postgresql");
      const client = new MongoClient(stack.config.mongo.url ?? "");
      try {
        // Dates, 32- and 64-bit integers, doubles, ObjectIds, nulls and nested arrays come back as they went in.
        expect(await everything(client)).toEqual(expected);
        expect(expected["other.notes"]?.[0]?.views).toBeInstanceOf(Long);
        // Only the constraint came along: the other declared indexes serve no query on FerretDB.
        expect((await client.db(DB).collection(JOBS_COLLECTION).listIndexes().toArray()).map((i) => i.name).sort()).toEqual([
          "_id_",
          "jobId_unique",
        ]);
        await expect(client.db("other").collection("notes").insertOne({ slug: "welcome" })).rejects.toMatchObject({ code: 11000 });
        // The copy is served by the embedded store's indexes, as a collection FerretDB made itself would be.
        const plan = (await client
          .db(DB)
          .collection(JOBS_COLLECTION)
          .find({ _id: "job-00042" } as Document)
          .explain()) as { queryPlanner: { Plan: { "Node Type": string } } };
        expect(plan.queryPlanner.Plan["Node Type"]).toBe("Index Scan");
      } finally {
        await client.close();
      }
    } finally {
      await stack.stop();
    }

    const again = await storeMigrate();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/nothing to move, .* holds no SQLite store/);
  });

  it("refuses when MONGODB_URL names a server of its own", async () => {
    const run = runEntry("apps/store-migrate.ts", {
      LOG_LEVEL: "silent",
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      MONGODB_URL: "mongodb://127.0.0.1:1/",
    });
    expect(await run.exited).not.toBe(0);
    expect(run.stderr()).toMatch(/MONGODB_URL is set/);
  });
});
