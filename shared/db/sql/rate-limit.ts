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
  /** The workspace's count with this request, or null when the workspace refused it (or it was never offered). */
  workspaceHits: number | null;
  /** The workspace's limit: its own from `quotas`, else the default. */
  workspaceLimit: number;
  /** Failed key checks from the caller's address in this window. */
  failureHits: number;
  resetSeconds: number;
}

/**
 * Counts one call against its member's window and, only when the member is within their own
 * limit and the address is not blocked, against its workspace's window, unless that is full:
 * refused calls never use up the workspace's budget, so one member cannot spend a teammate's
 * share. Reads the address's failures and the workspace's quota in the same statement: a call
 * costs one round trip. Rows are always taken member first, so concurrent calls cannot deadlock.
 */
export async function countRequest(
  db: SqlDb,
  k: { member: string; workspace: string; failures: string; workspaceId: string; memberLimit: number; workspaceDefault: number; failureLimit: number },
): Promise<RequestCount> {
  const result = await db.execute<{ member_hits: number; workspace_hits: number | null; workspace_limit: number; failure_hits: number; reset_s: string | number }>(sql`
    WITH member AS (
      INSERT INTO rate_limit_windows (bucket, window_start, hits)
      VALUES (${k.member}, date_trunc('minute', now()), 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
      RETURNING hits, window_start),
    lim AS (
      SELECT coalesce((SELECT q.requests_per_minute FROM quotas q WHERE q.workspace_id = ${k.workspaceId}::uuid), ${k.workspaceDefault})::int AS l),
    failures AS (
      SELECT coalesce((SELECT w.hits FROM rate_limit_windows w WHERE w.bucket = ${k.failures} AND w.window_start = date_trunc('minute', now())), 0) AS hits),
    ws AS (
      INSERT INTO rate_limit_windows (bucket, window_start, hits)
      SELECT ${k.workspace}, date_trunc('minute', now()), 1 FROM member, lim, failures
       WHERE member.hits <= ${k.memberLimit} AND failures.hits < ${k.failureLimit} AND lim.l >= 1
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
       WHERE rate_limit_windows.hits < (SELECT l FROM lim)
      RETURNING hits)
    SELECT member.hits AS member_hits, (SELECT hits FROM ws) AS workspace_hits, (SELECT l FROM lim) AS workspace_limit,
      (SELECT hits FROM failures) AS failure_hits,
      extract(epoch FROM (member.window_start + interval '1 minute' - now())) AS reset_s
    FROM member`);
  const row = result.rows[0];
  return {
    memberHits: Number(row?.member_hits ?? 0),
    workspaceHits: row?.workspace_hits == null ? null : Number(row.workspace_hits),
    workspaceLimit: Number(row?.workspace_limit ?? k.workspaceDefault),
    failureHits: Number(row?.failure_hits ?? 0),
    resetSeconds: Math.max(1, Math.ceil(Number(row?.reset_s ?? 60))),
  };
}

/** Drops windows older than an hour; run by the hourly cleanup. */
export async function sweepRateLimits(db: SqlDb): Promise<number> {
  const result = await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
  return result.rowCount ?? 0;
}
