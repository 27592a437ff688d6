import { sql } from "drizzle-orm";
import type { SqlDb } from "../../shared/db/sql/client.js";

/**
 * Reserves the channel's next send slot and returns how long to wait for it. One statement
 * moves the channel's `next_at` forward by one interval, so concurrent workers in any process
 * get distinct slots and a channel never sees more than one message per interval from us.
 */
export async function reserveChannelSlot(db: SqlDb, channelKey: string, intervalMs: number): Promise<number> {
  if (intervalMs <= 0) return 0;
  const interval = `${intervalMs} milliseconds`;
  const result = await db.execute<{ wait_ms: string | number }>(sql`
    INSERT INTO chat_channel_slots (channel_key, next_at)
    VALUES (${channelKey}, clock_timestamp() + ${interval}::interval)
    ON CONFLICT (channel_key) DO UPDATE
      SET next_at = greatest(chat_channel_slots.next_at, clock_timestamp()) + ${interval}::interval
    RETURNING greatest(0, extract(epoch FROM (next_at - ${interval}::interval - clock_timestamp())) * 1000) AS wait_ms`);
  return Math.ceil(Number(result.rows[0]?.wait_ms ?? 0));
}
