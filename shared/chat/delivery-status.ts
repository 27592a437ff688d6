import { sql } from "drizzle-orm";
import type { ChatDelivery } from "./delivery.js";
import { type SqlDb, preparedPerDb } from "../db/sql/client.js";
import { chatDeliveries } from "../db/sql/schema.js";

/**
 * Where a chat job's result stands, as the API shows it: `pending` while the job runs or its
 * result waits its turn, `sent` once it went out, `retrying` while the platform fails and the
 * queue tries again (with the last reason), `undeliverable` when it cannot go where it was asked
 * for (with the platform's reason; its requester was told where the platform allows it).
 */
export interface DeliveryStatus {
  /** A plain union rather than the delivery schema's inferred type: the API's published types carry no zod. */
  platform: "discord" | "slack";
  private: boolean;
  state: "pending" | "sent" | "retrying" | "undeliverable";
  reason: string | null;
  /** When it went out, was given up, or last failed. */
  at: string | null;
  /** Slack: the result's pictures as Slack files, which Slack shows from its own storage (the App Home tab's thumbnails). */
  slackFileIds?: string[];
}

type Row = typeof chatDeliveries.$inferSelect;

export function describeDelivery(delivery: ChatDelivery, row: Row | undefined): DeliveryStatus {
  const base = {
    platform: delivery.platform,
    private: delivery.private,
    ...(row?.slackFileIds?.length ? { slackFileIds: row.slackFileIds } : {}),
  };
  if (row?.undeliverable) return { ...base, state: "undeliverable", reason: row.undeliverable, at: row.updatedAt.toISOString() };
  if (row?.finalDeliveredAt) return { ...base, state: "sent", reason: null, at: row.finalDeliveredAt.toISOString() };
  if (row?.lastError) return { ...base, state: "retrying", reason: row.lastError, at: row.lastErrorAt?.toISOString() ?? null };
  return { ...base, state: "pending", reason: null, at: null };
}

/** Every job read and page of a chat workspace asks for its jobs' deliveries: prepared once per database handle. */
const deliveriesOf = preparedPerDb((db) =>
  db
    .select()
    .from(chatDeliveries)
    .where(sql`${chatDeliveries.jobId} = ANY(${sql.placeholder("jobIds")})`)
    .prepare("chat_deliveries_of_jobs"),
);

/** The delivery status of each chat job among these (others have none), in one query. */
export async function deliveryStatuses(
  db: SqlDb,
  jobs: Array<{ jobId: string; delivery?: ChatDelivery | undefined | null }>,
): Promise<Map<string, DeliveryStatus>> {
  const chat = jobs.filter((j): j is { jobId: string; delivery: ChatDelivery } => Boolean(j.delivery));
  if (chat.length === 0) return new Map();
  const rows = await deliveriesOf(db).execute({ jobIds: chat.map((j) => j.jobId) });
  const byJob = new Map(rows.map((r) => [r.jobId, r]));
  return new Map(chat.map((j) => [j.jobId, describeDelivery(j.delivery, byJob.get(j.jobId))]));
}
