import { sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";

export interface WindowCount {
  hits: number;
  /** Seconds until this minute's window closes: the Retry-After of a refusal. */
  resetSeconds: number;
  /** The current count of the `alsoRead` bucket, read in the same statement; 0 when none was asked for. */
  alsoHits: number;
}

/**
 * Counts one hit in the bucket's current one-minute window, and reads another bucket's count in
 * the same window, in one statement shared by every web machine.
 */
export async function hit(db: SqlDb, bucket: string, alsoRead?: string): Promise<WindowCount> {
  const result = await db.execute<{ hits: number; reset_s: string | number; also_hits: number | null }>(sql`
    WITH counted AS (
      INSERT INTO rate_limit_windows (bucket, window_start, hits)
      VALUES (${bucket}, date_trunc('minute', now()), 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
      RETURNING hits, window_start)
    SELECT counted.hits,
      extract(epoch FROM (counted.window_start + interval '1 minute' - now())) AS reset_s,
      (SELECT w.hits FROM rate_limit_windows w WHERE w.bucket = ${alsoRead ?? null} AND w.window_start = counted.window_start) AS also_hits
    FROM counted`);
  const row = result.rows[0];
  return { hits: Number(row?.hits ?? 0), resetSeconds: Math.max(1, Math.ceil(Number(row?.reset_s ?? 60))), alsoHits: Number(row?.also_hits ?? 0) };
}

/** Drops windows older than an hour; run by the hourly cleanup. */
export async function sweepRateLimits(db: SqlDb): Promise<number> {
  const result = await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
  return result.rowCount ?? 0;
}
