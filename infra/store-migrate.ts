import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Db, type Document, MongoBulkWriteError, MongoClient } from "mongodb";
import type { Config } from "../shared/config.js";
import { binaryPath } from "./binaries.js";
import { type ManagedProcess, freePort, leftoverPid } from "./child-process.js";
import { docsDatabaseName, holdsSqliteData, prepareDocsDatabase, sqliteFiles, startFerretDb } from "./local-stack.js";

/** Documents per insert: small enough for FerretDB's message limit with large jobs, large enough to be quick. */
const BATCH = 500;

export interface MigratedCollection {
  database: string;
  collection: string;
  /** Documents in the SQLite store. */
  documents: number;
  /** Copied now. */
  copied: number;
  /** Already in PostgreSQL with the same _id (an earlier run that stopped half way), left as they are. */
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

/** Inserts a batch, counting documents whose _id is already there as present rather than failing. */
async function insertBatch(db: Db, collection: string, docs: Document[]): Promise<{ copied: number; present: number }> {
  try {
    const res = await db.collection(collection).insertMany(docs, { ordered: false });
    return { copied: res.insertedCount, present: 0 };
  } catch (err) {
    const errors = err instanceof MongoBulkWriteError ? (Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors]) : [];
    if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw err;
    // Only "this _id is already there" is a resumed run (FerretDB's message does not name the
    // index, so the _id is looked up); any other refusal, such as a conflict on another unique
    // key, stops the move with the SQLite files in place.
    for (const e of errors) {
      const doc = docs[e.index];
      if (!doc || (await db.collection(collection).findOne({ _id: doc._id }, { projection: { _id: 1 } })) === null) throw err;
    }
    return { copied: docs.length - errors.length, present: errors.length };
  }
}

async function copyCollection(source: Db, target: Db, name: string): Promise<MigratedCollection> {
  const result: MigratedCollection = { database: source.databaseName, collection: name, documents: 0, copied: 0, present: 0, uniqueIndexes: [] };
  const exists = await target.listCollections({ name }, { nameOnly: true }).toArray();
  if (exists.length === 0) await target.createCollection(name);
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
  for await (const doc of source.collection(name).find({}, { batchSize: BATCH })) {
    result.documents++;
    batch.push(doc);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  if (result.copied + result.present !== result.documents) {
    throw new StoreMigrateError(`${source.databaseName}.${name}: ${result.documents} documents read, ${result.copied + result.present} in PostgreSQL`);
  }
  return result;
}

/**
 * `npm run cli -- store migrate`: copies the job documents an earlier version kept in FerretDB on
 * SQLite (DATA_DIR/ferretdb) into the PostgreSQL store `npm start` uses now, every database and
 * collection with its unique indexes, then moves the SQLite files into a folder beside them so the
 * next start uses PostgreSQL and the old files stay as a backup. Run again after a failure, it
 * resumes: documents already copied are recognised by their _id and left alone.
 */
export async function migrateSqliteStore(config: Config, opts: { log?: (m: string) => void } = {}): Promise<StoreMigrateResult> {
  const log = opts.log ?? (() => {});
  if (config.mongo.url !== undefined) {
    throw new StoreMigrateError("MONGODB_URL is set: store migrate moves the embedded store's SQLite files into PostgreSQL, not a server of your own");
  }
  const dataDir = path.resolve(config.dataDir);
  const sqliteDir = path.join(dataDir, "ferretdb");
  if (!(await holdsSqliteData(sqliteDir))) return { moved: false, reason: `${sqliteDir} holds no SQLite store` };
  const running = await leftoverPid(path.join(sqliteDir, "server.pid"), binaryPath("ferretdb"));
  if (running !== undefined) {
    throw new StoreMigrateError(`the embedded FerretDB of npm start is running on ${sqliteDir} (pid ${running}): stop npm start first`);
  }

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
      const names = (await source.db(dbName).listCollections({ type: "collection" }, { nameOnly: true }).toArray()).map((c) => c.name);
      for (const name of names) {
        log(`store migrate: copying ${dbName}.${name}`);
        collections.push(await copyCollection(source.db(dbName), target.db(dbName), name));
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(servers.map((s) => s.stop()));
    await rm(targetDir, { recursive: true, force: true });
  }

  const keptIn = path.join(sqliteDir, `moved-to-postgresql-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  await mkdir(keptIn, { recursive: true });
  for (const file of await sqliteFiles(sqliteDir)) await rename(path.join(sqliteDir, file), path.join(keptIn, file));
  return { moved: true, docsDatabase, collections, sqliteKeptIn: keptIn };
}
