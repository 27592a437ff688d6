import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { redactUrl } from "../../config.js";
import * as schema from "./schema.js";

export type SqlDb = NodePgDatabase<typeof schema>;

export interface Sql {
  pool: pg.Pool;
  db: SqlDb;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(import.meta.dirname, "migrations");

export class PostgresConnectError extends Error {
  override name = "PostgresConnectError";
}

export async function connectSql(url: string, opts: { max?: number; timeoutMs?: number } = {}): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.timeoutMs ?? 5_000,
    // No statement of ours runs long; one that does is cancelled by the server.
    statement_timeout: 30_000,
  });
  // An idle client that loses its server emits on the pool; without a listener that crashes the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new PostgresConnectError(`DATABASE_URL: cannot reach ${redactUrl(url)} (${reason})`);
  }
  return { pool, db: drizzle(pool, { schema }), close: () => pool.end() };
}

/** Applies pending migrations; already-applied ones are skipped, so it is safe to run at every release. */
export async function runMigrations(sql: Sql): Promise<void> {
  await migrate(sql.db, { migrationsFolder });
}

export async function pingSql(sql: Sql): Promise<void> {
  await sql.pool.query("select 1");
}
