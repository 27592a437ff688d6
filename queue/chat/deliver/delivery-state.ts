import { eq, sql } from "drizzle-orm";
import type { SqlDb } from "../../../shared/db/sql/client.js";
import { chatDeliveries } from "../../../shared/db/sql/schema.js";

export interface DeliveryState {
  messageTs: string | null;
  finalDeliveredAt: Date | null;
  deletionDeliveredAt: Date | null;
  /** Why the result could not go where it was asked for; its requester was told. */
  undeliverable: string | null;
  /** The Slack files the result's pictures were uploaded as. */
  slackFileIds: string[] | null;
}

const none: DeliveryState = { messageTs: null, finalDeliveredAt: null, deletionDeliveredAt: null, undeliverable: null, slackFileIds: null };

export async function deliveryState(db: SqlDb, jobId: string): Promise<DeliveryState> {
  const [row] = await db.select().from(chatDeliveries).where(eq(chatDeliveries.jobId, jobId));
  return row
    ? {
        messageTs: row.messageTs,
        finalDeliveredAt: row.finalDeliveredAt,
        deletionDeliveredAt: row.deletionDeliveredAt,
        undeliverable: row.undeliverable,
        slackFileIds: row.slackFileIds,
      }
    : none;
}

/** Remembers the channel message later deliveries edit. */
export async function rememberMessage(db: SqlDb, jobId: string, messageTs: string): Promise<void> {
  await db
    .insert(chatDeliveries)
    .values({ jobId, messageTs })
    .onConflictDoUpdate({ target: chatDeliveries.jobId, set: { messageTs, updatedAt: sql`now()` } });
}

/** Marks the final state (or the deletion) delivered; false when it already was, so a result goes out once. */
export async function markDelivered(db: SqlDb, jobId: string, what: "final" | "deletion"): Promise<boolean> {
  const column = what === "final" ? chatDeliveries.finalDeliveredAt : chatDeliveries.deletionDeliveredAt;
  const field = what === "final" ? "finalDeliveredAt" : "deletionDeliveredAt";
  const rows = await db
    .insert(chatDeliveries)
    .values({ jobId, [field]: sql`now()` })
    .onConflictDoUpdate({
      target: chatDeliveries.jobId,
      set: { [field]: sql`now()`, lastError: null, lastErrorAt: null, updatedAt: sql`now()` },
      setWhere: sql`${column} IS NULL`,
    })
    .returning({ jobId: chatDeliveries.jobId });
  return rows.length === 1;
}

/** Records that the result cannot be posted where it was asked for, and why: settled, but not delivered. */
export async function markUndeliverable(db: SqlDb, jobId: string, reason: string): Promise<void> {
  await db
    .insert(chatDeliveries)
    .values({ jobId, undeliverable: reason })
    .onConflictDoUpdate({
      target: chatDeliveries.jobId,
      set: { undeliverable: reason, lastError: null, lastErrorAt: null, updatedAt: sql`now()` },
    });
}

/** Records why an attempt failed while the queue retries it: the job's delivery shows "retrying" and the reason. */
export async function recordDeliveryError(db: SqlDb, jobId: string, reason: string): Promise<void> {
  const short = reason.slice(0, 500);
  await db
    .insert(chatDeliveries)
    .values({ jobId, lastError: short, lastErrorAt: sql`now()` })
    .onConflictDoUpdate({ target: chatDeliveries.jobId, set: { lastError: short, lastErrorAt: sql`now()`, updatedAt: sql`now()` } });
}

/** Remembers the Slack files a result's pictures were uploaded as. */
export async function rememberSlackFiles(db: SqlDb, jobId: string, fileIds: string[]): Promise<void> {
  await db
    .insert(chatDeliveries)
    .values({ jobId, slackFileIds: fileIds })
    .onConflictDoUpdate({ target: chatDeliveries.jobId, set: { slackFileIds: fileIds, updatedAt: sql`now()` } });
}
