import { isDeepStrictEqual } from "node:util";
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Db, type Document, MongoBulkWriteError, MongoClient, MongoServerError, type WriteError } from "mongodb";
import type { Config } from "../shared/config.js";
import { binaryPath } from "./binaries.js";
import { type ManagedProcess, freePort, leftoverPid } from "./child-process.js";
import { docsDatabaseName, prepareDocsDatabase } from "./docs-database.js";
import { MIGRATION_MARKER, holdsSqliteData, sqliteFiles, startFerretDb } from "./ferretdb-server.js";

/** Documents per insert: small enough for FerretDB's message limit with large jobs, large enough to be quick. */
const BATCH = 500;
/** Values as stored (Int32, Int64 and Double kept apart), so the copy has the same BSON types. */
const RAW_VALUES = { promoteValues: false } as const;

export interface MigratedCollection {
  database: string;
  collection: string;
  /** Documents in the SQLite store. */
  documents: number;
  /** Copied now. */
  copied: number;
  /** Already in PostgreSQL, the same document (an earlier run that stopped half way). */
  present: number;
  /** Unique indexes made on the copy (the constraints); the others serve no query on FerretDB. */
  uniqueIndexes: string[];
}

export type StoreMigrateResult =
  | { moved: false; reason: string }
  | { moved: true; docsDatabase: string; collections: MigratedCollection[]; sqliteKeptIn: string };

export class StoreMigrateError extends Error {
  override name = "StoreMigrateError";
}

/**
 * Pids of FerretDB servers running on this folder, whatever build they are: an earlier version's
 * `npm start` runs a binary of another path, which the pid file's check would not recognise.
 */
async function ferretDbsOn(dir: string): Promise<number[]> {
  const wanted = new Set([`--state-dir=${dir}`, `--sqlite-url=file:${dir}/`]);
  const pids: number[] = [];
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const args = (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).split("\0");
    if (args.some((a) => wanted.has(a))) pids.push(Number(entry));
  }
  return pids;
}

async function refuseWhileRunning(dir: string): Promise<void> {
  // Where there is no /proc to scan, the pid file of npm start's FerretDB still tells.
  const byPidFile = await leftoverPid(path.join(dir, "server.pid"), binaryPath("ferretdb"));
  const running = [...new Set([...(await ferretDbsOn(dir)), ...(byPidFile === undefined ? [] : [byPidFile])])];
  if (running.length > 0) {
    throw new StoreMigrateError(`a FerretDB server (pid ${running.join(", ")}) runs with ${dir}: stop npm start first`);
  }
}

/** Whether `doc` is what PostgreSQL already holds under its _id. */
async function sameAsStored(db: Db, collection: string, doc: Document): Promise<boolean> {
  const stored = await db.collection(collection).findOne({ _id: doc._id }, RAW_VALUES);
  return stored !== null && isDeepStrictEqual(stored, doc);
}

const describeId = (doc: Document) => JSON.stringify(doc._id);

/**
 * Inserts a batch. A document whose _id is already there counts as present when it is the same
 * document (a resumed run); a different one, or any other refusal, stops the move with the SQLite
 * files in place and names the document.
 */
async function insertBatch(db: Db, collection: string, docs: Document[]): Promise<{ copied: number; present: number }> {
  const where = `${db.databaseName}.${collection}`;
  try {
    const res = await db.collection(collection).insertMany(docs, { ordered: false });
    return { copied: res.insertedCount, present: 0 };
  } catch (err) {
    if (!(err instanceof MongoBulkWriteError)) {
      // Not a per-document answer (FerretDB refuses some values PostgreSQL cannot hold this
      // way): one at a time finds the document, and the rest of the batch goes in.
      let copied = 0;
      let present = 0;
      for (const doc of docs) {
        try {
          await db.collection(collection).insertOne(doc);
          copied++;
        } catch (one) {
          const message = one instanceof Error ? one.message : String(one);
          if (!(one instanceof MongoServerError && one.code === 11000))
            throw new StoreMigrateError(`${where}: document ${describeId(doc)} was refused: ${message}`);
          if (!(await sameAsStored(db, collection, doc)))
            throw new StoreMigrateError(`${where}: document ${describeId(doc)} conflicts with a stored one (${message})`);
          present++;
        }
      }
      return { copied, present };
    }
    const errors: WriteError[] = Array.isArray(err.writeErrors) ? [...err.writeErrors] : [err.writeErrors as WriteError];
    for (const e of errors) {
      const doc = docs[e.index] ?? {};
      // FerretDB's message does not name the index: the stored document under this _id tells.
      if (e.code !== 11000 || !(await sameAsStored(db, collection, doc))) {
        const why =
          e.code === 11000
            ? `conflicts with a stored one (${e.errmsg ?? "duplicate key"})`
            : `was refused: ${e.errmsg ?? `code ${e.code}`}`;
        throw new StoreMigrateError(`${where}: document ${describeId(doc)} ${why}`);
      }
    }
    return { copied: err.insertedCount, present: errors.length };
  }
}

async function copyCollection(source: Db, target: Db, name: string, options: Document): Promise<MigratedCollection> {
  const result: MigratedCollection = {
    database: source.databaseName,
    collection: name,
    documents: 0,
    copied: 0,
    present: 0,
    uniqueIndexes: [],
  };
  const exists = await target.listCollections({ name }, { nameOnly: true }).toArray();
  // Options (capped size, a validator) come along; the collection's _id index is FerretDB's own.
  if (exists.length === 0) await target.createCollection(name, options);
  for (const index of await source.collection(name).listIndexes().toArray()) {
    if (index.unique !== true || index.name === "_id_") continue;
    await target.collection(name).createIndex(index.key as Document, { name: String(index.name), unique: true });
    result.uniqueIndexes.push(String(index.name));
  }
  let batch: Document[] = [];
  const flush = async () => {
    const r = await insertBatch(target, name, batch);
    result.copied += r.copied;
    result.present += r.present;
    batch = [];
  };
  for await (const doc of source.collection(name).find({}, { batchSize: BATCH, ...RAW_VALUES })) {
    result.documents++;
    batch.push(doc);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  const stored = await target.collection(name).countDocuments();
  if (result.copied + result.present !== result.documents || stored < result.documents) {
    throw new StoreMigrateError(
      `${source.databaseName}.${name}: ${result.documents} documents read, ${result.copied + result.present} accounted for, ${stored} in PostgreSQL`,
    );
  }
  return result;
}

/**
 * `npm run store:migrate`: copies the job documents an earlier version kept in FerretDB on
 * SQLite (DATA_DIR/ferretdb) into the PostgreSQL store `npm start` uses now, every database and
 * collection with its unique indexes, then moves the SQLite files into a folder beside them so the
 * next start uses PostgreSQL and the old files stay as a backup. Until it has moved them, a marker
 * keeps `npm start` on SQLite, so a move that fails half way never leaves the service on a
 * partial store. Run again, it resumes: documents already copied are recognised by their _id and
 * their content; a different document under the same _id stops it, naming the document.
 */
export async function migrateSqliteStore(config: Config, opts: { log?: (m: string) => void } = {}): Promise<StoreMigrateResult> {
  const log = opts.log ?? (() => {});
  if (config.mongo.url !== undefined) {
    throw new StoreMigrateError(
      "MONGODB_URL is set: store migrate moves the embedded store's SQLite files into PostgreSQL, not a server of your own",
    );
  }
  if (config.mongo.embeddedBackend === "sqlite") {
    throw new StoreMigrateError("EMBEDDED_MONGO_BACKEND=sqlite is set, so npm start would stay on SQLite: unset it first");
  }
  const dataDir = path.resolve(config.dataDir);
  const sqliteDir = path.join(dataDir, "ferretdb");
  if (!(await holdsSqliteData(sqliteDir))) return { moved: false, reason: `${sqliteDir} holds no SQLite store` };
  await refuseWhileRunning(sqliteDir);
  await writeFile(path.join(sqliteDir, MIGRATION_MARKER), `${new Date().toISOString()}\n`);

  const docsDatabase = docsDatabaseName(config.databaseUrl);
  const databaseUrl = await prepareDocsDatabase(config.databaseUrl, docsDatabase, false);
  const targetDir = await mkdtemp(path.join(tmpdir(), "cg-store-migrate-"));
  const servers: ManagedProcess[] = [];
  const clients: MongoClient[] = [];
  const collections: MigratedCollection[] = [];
  try {
    const sourcePort = await freePort();
    servers.push(await startFerretDb(dataDir, sourcePort, log));
    const targetPort = await freePort();
    servers.push(await startFerretDb(targetDir, targetPort, log, { backend: "postgresql", databaseUrl }));
    const connect = async (port: number) => {
      const client = new MongoClient(`mongodb://127.0.0.1:${port}/`, { appName: "content-generation store migrate" });
      clients.push(client);
      await client.connect();
      return client;
    };
    const source = await connect(sourcePort);
    const target = await connect(targetPort);
    const { databases } = await source.db("admin").admin().listDatabases({ nameOnly: true });
    for (const { name: dbName } of databases) {
      for (const info of await source.db(dbName).listCollections({ type: "collection" }).toArray()) {
        log(`store migrate: copying ${dbName}.${info.name}`);
        collections.push(
          await copyCollection(source.db(dbName), target.db(dbName), info.name, "options" in info ? (info.options ?? {}) : {}),
        );
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await rm(targetDir, { recursive: true, force: true });
  }

  // A server started on the files while they were copied would lose what it wrote after the copy.
  await refuseWhileRunning(sqliteDir);
  const keptIn = path.join(sqliteDir, `moved-to-postgresql-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  await mkdir(keptIn, { recursive: true });
  for (const file of await sqliteFiles(sqliteDir)) await rename(path.join(sqliteDir, file), path.join(keptIn, file));
  await rm(path.join(sqliteDir, MIGRATION_MARKER), { force: true });
  return { moved: true, docsDatabase, collections, sqliteKeptIn: keptIn };
}
