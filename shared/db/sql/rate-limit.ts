import { sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";

export interface WindowCount {
  hits: number;
  /** Seconds until this minute's window closes: the Retry-After of a refusal. */
  resetSeconds: number;
}

/** Counts one hit in the bucket's current one-minute window, shared by every web machine. */
export async function hit(db: SqlDb, bucket: string): Promise<WindowCount> {
  const result = await db.execute<{ hits: number; reset_s: string | number }>(sql`
    INSERT INTO rate_limit_windows (bucket, window_start, hits)
    VALUES (${bucket}, date_trunc('minute', now()), 1)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
    RETURNING hits, extract(epoch FROM (window_start + interval '1 minute' - now())) AS reset_s`);
  const row = result.rows[0];
  return { hits: Number(row?.hits ?? 0), resetSeconds: Math.max(1, Math.ceil(Number(row?.reset_s ?? 60))) };
}

export interface RequestCount {
  memberHits: number;
  workspaceHits: number;
  /** Failed key checks from the caller's address in this window. */
  failureHits: number;
  /** The workspace's own limit from `quotas`, when it has one. */
  workspaceLimit: number | null;
  resetSeconds: number;
}

/**
 * Counts one request against its member's and its workspace's windows, and reads the address's
 * failure count and the workspace's quota, in one statement: a valid request costs one round
 * trip. Both rows are always taken in the same order, so concurrent requests cannot deadlock.
 */
export async function countRequest(db: SqlDb, k: { member: string; workspace: string; failures: string; workspaceId: string }): Promise<RequestCount> {
  const result = await db.execute<{ member_hits: number; workspace_hits: number; reset_s: string | number; failure_hits: number | null; workspace_limit: number | null }>(sql`
    WITH counted AS (
      INSERT INTO rate_limit_windows (bucket, window_start, hits)
      VALUES (${k.member}, date_trunc('minute', now()), 1), (${k.workspace}, date_trunc('minute', now()), 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
      RETURNING bucket, hits, window_start)
    SELECT max(hits) FILTER (WHERE bucket = ${k.member}) AS member_hits,
      max(hits) FILTER (WHERE bucket = ${k.workspace}) AS workspace_hits,
      extract(epoch FROM (max(window_start) + interval '1 minute' - now())) AS reset_s,
      (SELECT w.hits FROM rate_limit_windows w WHERE w.bucket = ${k.failures} AND w.window_start = date_trunc('minute', now())) AS failure_hits,
      (SELECT q.requests_per_minute FROM quotas q WHERE q.workspace_id = ${k.workspaceId}::uuid) AS workspace_limit
    FROM counted`);
  const row = result.rows[0];
  return {
    memberHits: Number(row?.member_hits ?? 0),
    workspaceHits: Number(row?.workspace_hits ?? 0),
    failureHits: Number(row?.failure_hits ?? 0),
    workspaceLimit: row?.workspace_limit == null ? null : Number(row.workspace_limit),
    resetSeconds: Math.max(1, Math.ceil(Number(row?.reset_s ?? 60))),
  };
}

/** Drops windows older than an hour; run by the hourly cleanup. */
export async function sweepRateLimits(db: SqlDb): Promise<number> {
  const result = await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
  return result.rowCount ?? 0;
}
