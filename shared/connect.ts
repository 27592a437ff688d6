import type { Config } from "./config.js";
import { JobsRepository, type Mongo, ProviderWebhooks, connectMongo, rekeyJobs } from "./db/mongo/index.js";
import { type Sql, connectSql, runMigrations } from "./db/sql/client.js";
import type { Logger } from "./logger.js";
import { type BucketSetup, type Storage, createStorage, ensureBucket } from "./storage/index.js";

export class StorageConnectError extends Error {
  override name = "StorageConnectError";
}

export interface Core {
  sql: Sql;
  mongo: Mongo;
  jobs: JobsRepository;
  webhooks: ProviderWebhooks;
  storage: Storage;
  bucket: BucketSetup;
  close(): Promise<void>;
}

/**
 * Connects to PostgreSQL, MongoDB and S3 and prepares each (migrations outside production,
 * where the release command runs them; Mongo indexes; bucket settings). Used by the web and
 * worker processes alike; fails with one line that names the setting to fix.
 */
export async function connectCore(config: Config, logger: Logger): Promise<Core> {
  if (!config.mongo.url) throw new Error("MONGODB_URL is not set");
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch(() => {});
  };
  try {
    const sql = await connectSql(config.databaseUrl);
    closers.push(() => sql.close());
    if (config.env !== "production") await runMigrations(sql);

    const mongo = await connectMongo(config.mongo.url, config.mongo.db);
    closers.push(() => mongo.close());
    const jobs = new JobsRepository(mongo.db);
    await jobs.ensureIndexes();
    await rekeyJobs(mongo.db);
    const webhooks = new ProviderWebhooks(mongo.db);
    await webhooks.ensureIndexes();

    const storage = createStorage(config.s3);
    closers.push(async () => storage.client.destroy());
    let bucket: BucketSetup;
    try {
      bucket = await ensureBucket(storage);
    } catch (err) {
      const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
      throw new StorageConnectError(`S3_ENDPOINT: cannot use bucket ${config.s3.bucket} at ${config.s3.endpoint ?? "AWS S3"} (${reason})`);
    }
    if (bucket.tempLifecycle === "unsupported") {
      logger.debug("the S3 server has no lifecycle rules; the cleanup job removes temp/ uploads after 24 h");
    }
    return { sql, mongo, jobs, webhooks, storage, bucket, close };
  } catch (err) {
    await close();
    throw err;
  }
}
