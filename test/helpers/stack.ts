import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { docsDatabaseName } from "../../infra/docs-database.js";
import { type Config, loadConfig } from "../../shared/config.js";
import { dropDatabase, ensureDatabase, withDatabase } from "../../shared/db/sql/ensure-database.js";

/** A short random suffix for names of databases, buckets and users made by one test file. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

/**
 * Creates an empty PostgreSQL database for one test file; `drop()` removes it, and the document
 * database `npm start` makes beside it when a test starts one on this database.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { serverUrl } = inject("stack");
  const url = withDatabase(serverUrl, `t_${randomBytes(6).toString("hex")}`);
  await ensureDatabase(url);
  return {
    url,
    async drop() {
      await dropDatabase(url);
      await dropDatabase(withDatabase(serverUrl, docsDatabaseName(url)));
    },
  };
}

/**
 * A config pointing at the run's servers, with a Mongo database and a bucket of this file's
 * own so files can run in parallel without seeing each other's data.
 */
export function testConfig(overrides: { databaseUrl?: string; env?: Record<string, string> } = {}): Config {
  const s = inject("stack");
  return loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PORT: "0",
    DATABASE_URL: overrides.databaseUrl ?? s.databaseUrl,
    MONGODB_URL: s.mongoUrl,
    MONGODB_DB: uniqueName("test").replace("-", "_"),
    S3_ENDPOINT: s.s3Endpoint,
    S3_REGION: s.s3Region,
    S3_BUCKET: uniqueName("test-bucket"),
    S3_ACCESS_KEY_ID: s.s3AccessKeyId,
    S3_SECRET_ACCESS_KEY: s.s3SecretAccessKey,
    S3_FORCE_PATH_STYLE: String(s.s3ForcePathStyle),
    ...overrides.env,
  });
}
