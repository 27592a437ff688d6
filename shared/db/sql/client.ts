import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { redactUrl } from "../../config.js";
import * as organizeSchema from "./organize-schema.js";
import * as tables from "./schema.js";

/** Every table, for drizzle's relational queries (`db.query.<table>`). */
const schema = { ...tables, ...organizeSchema };

export type SqlDb = NodePgDatabase<typeof schema>;

export interface Sql {
  pool: pg.Pool;
  db: SqlDb;
  close(): Promise<void>;
}

/**
 * A statement, or a set of them, prepared once per database handle (a process has one, the test
 * suite several): for the queries every request makes, where building the SQL each time cost the
 * web process more CPU than PostgreSQL spent running it, and a named statement spares PostgreSQL
 * its planning too. Drizzle lists every column by name, so a column added later cannot change a
 * prepared statement's result.
 */
export function preparedPerDb<T>(prepare: (db: SqlDb) => T): (db: SqlDb) => T {
  const byDb = new WeakMap<SqlDb, T>();
  return (db) => {
    let prepared = byDb.get(db);
    if (!prepared) {
      prepared = prepare(db);
      byDb.set(db, prepared);
    }
    return prepared;
  };
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
