import { sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";

export interface WindowCount {
  hits: number;
  /** Seconds until this minute's window closes: the Retry-After of a refusal. */
  resetSeconds: number;
}

/** Counts one hit in the bucket's current one-minute window, in one statement shared by every web machine. */
export async function hit(db: SqlDb, bucket: string): Promise<WindowCount> {
  const result = await db.execute<{ hits: number; reset_s: string | number }>(sql`
    INSERT INTO rate_limit_windows (bucket, window_start, hits)
    VALUES (${bucket}, date_trunc('minute', now()), 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
    RETURNING hits, extract(epoch FROM (window_start + interval '1 minute' - now())) AS reset_s`);
  const row = result.rows[0];
  return { hits: Number(row?.hits ?? 0), resetSeconds: Math.max(1, Math.ceil(Number(row?.reset_s ?? 60))) };
}

/** The bucket's count in the current window, without adding to it. */
export async function peek(db: SqlDb, bucket: string): Promise<WindowCount> {
  const result = await db.execute<{ hits: number; reset_s: string | number }>(sql`
    SELECT hits, extract(epoch FROM (window_start + interval '1 minute' - now())) AS reset_s
    FROM rate_limit_windows WHERE bucket = ${bucket} AND window_start = date_trunc('minute', now())`);
  const row = result.rows[0];
  return row ? { hits: Number(row.hits), resetSeconds: Math.max(1, Math.ceil(Number(row.reset_s))) } : { hits: 0, resetSeconds: 60 };
}

/** Drops windows older than an hour; run by the hourly cleanup. */
export async function sweepRateLimits(db: SqlDb): Promise<number> {
  const result = await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
  return result.rowCount ?? 0;
}
