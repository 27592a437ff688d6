import { sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";
import { watchLeases } from "./schema.js";

/** How long a stream's lease lasts unrenewed: a dead machine's streams stop counting this long after it died. */
export const WATCH_LEASE_SECONDS = 30;
/** A live stream renews its lease this often, well inside its length. */
export const WATCH_RENEW_MS = 10_000;

export interface WatchHolder {
  workspaceId: string;
  userId: string;
  keyId: string;
}

export interface WatchCaps {
  member: number;
  key: number;
  workspace: number;
}

export type WatchLeaseResult = { ok: true; id: string } | { ok: false; by: keyof WatchCaps; limit: number };

/**
 * Takes a lease for one more stream when the member, the key and the workspace are each under
 * their cap, counting the live leases of every web machine. The key's and the workspace's
 * advisory locks (always in that order) make the count and the insert one step, so two machines
 * cannot both take the last place. Leases run out are removed on the way.
 */
export async function takeWatchLease(db: SqlDb, who: WatchHolder, caps: WatchCaps): Promise<WatchLeaseResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`watch-key:${who.keyId}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`watch-workspace:${who.workspaceId}`}))`);
    await tx.execute(
      sql`delete from ${watchLeases} where (${watchLeases.workspaceId} = ${who.workspaceId} or ${watchLeases.keyId} = ${who.keyId}) and ${watchLeases.expiresAt} <= now()`,
    );
    const counted = await tx.execute<{ member: number; key: number; workspace: number }>(sql`
      select
        count(*) filter (where ${watchLeases.workspaceId} = ${who.workspaceId} and ${watchLeases.userId} = ${who.userId})::int as member,
        count(*) filter (where ${watchLeases.keyId} = ${who.keyId})::int as key,
        count(*) filter (where ${watchLeases.workspaceId} = ${who.workspaceId})::int as workspace
      from ${watchLeases}
      where ${watchLeases.workspaceId} = ${who.workspaceId} or ${watchLeases.keyId} = ${who.keyId}`);
    const held = counted.rows[0] ?? { member: 0, key: 0, workspace: 0 };
    for (const by of ["member", "key", "workspace"] as const) {
      if (held[by] >= caps[by]) return { ok: false, by, limit: caps[by] };
    }
    const [lease] = await tx
      .insert(watchLeases)
      .values({ ...who, expiresAt: sql`now() + make_interval(secs => ${WATCH_LEASE_SECONDS})` })
      .returning({ id: watchLeases.id });
    if (!lease) throw new Error("the watch lease was not written");
    return { ok: true, id: lease.id };
  });
}

/** Extends a live stream's lease; one removed meanwhile (its renewals failed for a while) is written again. */
export async function renewWatchLease(db: SqlDb, id: string, who: WatchHolder): Promise<void> {
  await db
    .insert(watchLeases)
    .values({ id, ...who, expiresAt: sql`now() + make_interval(secs => ${WATCH_LEASE_SECONDS})` })
    .onConflictDoUpdate({ target: watchLeases.id, set: { expiresAt: sql`now() + make_interval(secs => ${WATCH_LEASE_SECONDS})` } });
}

export async function releaseWatchLease(db: SqlDb, id: string): Promise<void> {
  await db.execute(sql`delete from ${watchLeases} where ${watchLeases.id} = ${id}`);
}
