import { type Placeholder, type SQL, sql } from "drizzle-orm";
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

/**
 * The bucket's hits in the current window, as a scalar subquery: authentication reads the
 * caller's address's failed key checks in its own statement with it (findKeyOwner's `bucketHits`).
 */
export function hitsNow(bucket: string | Placeholder): SQL<number> {
  return sql<number>`coalesce((SELECT w.hits FROM rate_limit_windows w WHERE w.bucket = ${bucket} AND w.window_start = date_trunc('minute', now())), 0)`;
}

export interface Reservation {
  /** Of the calls asked for, how many fit both the member's and the workspace's limit. */
  granted: number;
  /** Why the rest did not fit, when some did not. */
  refusedBy: "member" | "workspace" | null;
  /** The workspace's limit: its own from `quotas`, else the default. */
  workspaceLimit: number;
  /** Milliseconds until this minute's window closes, by the database's clock. */
  resetMs: number;
}

/**
 * Takes `calls` hits at once in the member's current window and, for those within the member's
 * limit, in the workspace's window unless that is full: a member's refused calls never use up
 * the workspace's budget, so one member cannot spend a teammate's share. The counters are
 * shared by every web machine, and a call is granted only for a position at or under each limit
 * (the member's `memberLimit`, the workspace's `quotas` row or `workspaceDefault`): hits taken
 * but never used only make the window fill sooner, never let more through. The member's row is
 * always taken first, so concurrent reservations cannot deadlock. With `workspace` null the
 * budget is the member's alone (the gallery's pictures): no workspace window is counted.
 */
export async function reserveCalls(
  db: SqlDb,
  k: { member: string; workspace: string | null; workspaceId: string; memberLimit: number; workspaceDefault: number; calls: number },
): Promise<Reservation> {
  const result = await db.execute<{
    admitted: number;
    workspace_hits: number | null;
    workspace_limit: number;
    reset_ms: string | number;
  }>(sql`
    WITH member AS (
      INSERT INTO rate_limit_windows (bucket, window_start, hits)
      VALUES (${k.member}, date_trunc('minute', now()), ${k.calls}::int)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + ${k.calls}::int
      RETURNING hits, window_start),
    admitted AS (
      SELECT greatest(0, least(${k.calls}::int, ${k.memberLimit}::int - (member.hits - ${k.calls}::int)))::int AS n FROM member),
    lim AS (
      SELECT coalesce((SELECT q.requests_per_minute FROM quotas q WHERE q.workspace_id = ${k.workspaceId}::uuid), ${k.workspaceDefault})::int AS l),
    ws AS (
      INSERT INTO rate_limit_windows (bucket, window_start, hits)
      SELECT ${k.workspace}, date_trunc('minute', now()), admitted.n FROM admitted, lim
       WHERE admitted.n > 0 AND lim.l >= 1 AND ${k.workspace}::text IS NOT NULL
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + excluded.hits
       WHERE rate_limit_windows.hits < (SELECT l FROM lim)
      RETURNING hits)
    SELECT admitted.n AS admitted, (SELECT hits FROM ws) AS workspace_hits, (SELECT l FROM lim) AS workspace_limit,
      extract(epoch FROM (member.window_start + interval '1 minute' - now())) * 1000 AS reset_ms
    FROM member, admitted`);
  const row = result.rows[0];
  const admitted = Number(row?.admitted ?? 0);
  // A member-only budget has no workspace limit: its own default stands in, so the workspace's
  // API quota never shrinks its blocks.
  const workspaceLimit = k.workspace === null ? k.workspaceDefault : Number(row?.workspace_limit ?? k.workspaceDefault);
  const wsHits = row?.workspace_hits == null ? null : Number(row.workspace_hits);
  // The workspace's positions this reservation took are (wsHits - admitted, wsHits]: those at or under its limit count.
  // Without a workspace bucket (a member-only budget) the member's positions are all that count.
  const granted =
    k.workspace === null ? admitted : wsHits === null ? 0 : Math.max(0, Math.min(admitted, workspaceLimit - (wsHits - admitted)));
  const refusedBy = granted === k.calls ? null : admitted < k.calls ? "member" : "workspace";
  return { granted, refusedBy, workspaceLimit, resetMs: Math.max(0, Number(row?.reset_ms ?? 0)) };
}

/** Drops windows older than an hour; run by the hourly cleanup. */
export async function sweepRateLimits(db: SqlDb): Promise<number> {
  const result = await db.execute(sql`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '1 hour'`);
  return result.rowCount ?? 0;
}
