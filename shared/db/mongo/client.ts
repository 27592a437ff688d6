import { type Db, MongoClient } from "mongodb";
import { redactUrl } from "../../config.js";

export interface Mongo {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

export class MongoConnectError extends Error {
  override name = "MongoConnectError";
}

/** One client per process: the driver pools connections itself. */
export async function connectMongo(url: string, dbName: string, opts: { timeoutMs?: number } = {}): Promise<Mongo> {
  const client = new MongoClient(url, {
    appName: "content-generation",
    serverSelectionTimeoutMS: opts.timeoutMs ?? 5_000,
    connectTimeoutMS: opts.timeoutMs ?? 5_000,
    // Every query here is short; one with no answer for 60 s is abandoned with an error.
    socketTimeoutMS: 60_000,
    maxPoolSize: 20,
  });
  try {
    await client.connect();
    await client.db(dbName).command({ ping: 1 });
  } catch (err) {
    await client.close().catch(() => {});
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new MongoConnectError(`MONGODB_URL: cannot reach ${redactUrl(url)} (${reason})`);
  }
  return { client, db: client.db(dbName), close: () => client.close() };
}

export async function pingMongo(mongo: Mongo): Promise<void> {
  await mongo.db.command({ ping: 1 });
}
