import { sql } from "drizzle-orm";
import type { SqlDb } from "../../../shared/db/sql/client.js";
import type { DeliverDeps } from "./deps.js";

/** The channel's next send slot: taken (wait this long, then send), or too far off to wait for. */
export type ChannelSlot = { taken: true; waitMs: number } | { taken: false; freeInMs: number };

/**
 * Takes the channel's next send slot if it comes within `maxWaitMs`. One statement moves the
 * channel's `next_at` forward by one interval, so concurrent workers in any process get
 * distinct slots and a channel never sees more than one message per interval from us. A slot
 * further off is left alone, so a worker need not sit idle behind one busy channel.
 */
export async function takeChannelSlot(db: SqlDb, channelKey: string, intervalMs: number, maxWaitMs: number): Promise<ChannelSlot> {
  if (intervalMs <= 0) return { taken: true, waitMs: 0 };
  const interval = `${intervalMs} milliseconds`;
  const maxWait = `${maxWaitMs} milliseconds`;
  const taken = await db.execute<{ wait_ms: string | number }>(sql`
    INSERT INTO chat_channel_slots (channel_key, next_at)
    VALUES (${channelKey}, clock_timestamp() + ${interval}::interval)
    ON CONFLICT (channel_key) DO UPDATE
      SET next_at = greatest(chat_channel_slots.next_at, clock_timestamp()) + ${interval}::interval
      WHERE chat_channel_slots.next_at <= clock_timestamp() + ${maxWait}::interval
    RETURNING greatest(0, extract(epoch FROM (next_at - ${interval}::interval - clock_timestamp())) * 1000) AS wait_ms`);
  const row = taken.rows[0];
  if (row) return { taken: true, waitMs: Math.ceil(Number(row.wait_ms)) };
  const free = await db.execute<{ free_ms: string | number }>(sql`
    SELECT greatest(0, extract(epoch FROM (next_at - clock_timestamp())) * 1000) AS free_ms
    FROM chat_channel_slots WHERE channel_key = ${channelKey}`);
  return { taken: false, freeInMs: Math.ceil(Number(free.rows[0]?.free_ms ?? 0)) };
}

/**
 * The longest a deliver worker sleeps for its channel's slot: a little over one interval, so a
 * busy channel keeps its pace while a channel booked further ahead does not hold the worker.
 */
const maxSlotWaitMs = (intervalMs: number) => Math.max(250, Math.round(intervalMs * 1.5));

/** The job's channel has no free send slot soon: deliver again in `retryInMs`, nothing was sent. */
export class ChannelBusy extends Error {
  constructor(readonly retryInMs: number) {
    super(`the channel's next send slot is ${retryInMs} ms away`);
  }
}

/** Waits for the channel's next send slot, or throws ChannelBusy when it is further off than `maxWaitMs`. */
export async function waitForSlot(
  deps: Pick<DeliverDeps, "sql" | "config">,
  channelKey: string,
  maxWaitMs = maxSlotWaitMs(deps.config.chat.channelIntervalMs),
): Promise<void> {
  const slot = await takeChannelSlot(deps.sql.db, channelKey, deps.config.chat.channelIntervalMs, maxWaitMs);
  if (!slot.taken) throw new ChannelBusy(slot.freeInMs);
  if (slot.waitMs > 0) await new Promise((r) => setTimeout(r, slot.waitMs));
}
