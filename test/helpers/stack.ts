import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { docsDatabaseName } from "../../infra/docs-database.js";
import { type Config, loadConfig } from "../../shared/config.js";

/** A short random suffix for names of databases, buckets and users made by one test file. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

/**
 * Creates an empty PostgreSQL database for one test file; `drop()` removes it, and the document
 * database `npm start` makes beside it when a test starts one on this database.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const { databaseUrl } = inject("stack");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: databaseUrl });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.query(`drop database if exists "${docsDatabaseName(url.toString())}" with (force)`);
      await c.end();
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
