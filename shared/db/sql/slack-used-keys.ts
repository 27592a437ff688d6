import { lte, sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";
import { slackUsedKeys } from "./schema.js";

/**
 * Claims `key` until `expiresAt` for every web machine at once: true for the first claim, false
 * while another, unexpired, holds it. One statement, so two machines claiming together get one true.
 */
export async function claimSlackKey(db: SqlDb, key: string, expiresAt: Date): Promise<boolean> {
  const result = await db.execute<{ key: string }>(sql`
    INSERT INTO slack_used_keys (key, expires_at) VALUES (${key}, ${expiresAt.toISOString()}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE slack_used_keys.expires_at <= now()
    RETURNING key`);
  return result.rows.length === 1;
}

/** Deletes the claims past their expiry: the number deleted. */
export async function pruneSlackKeys(db: SqlDb, now = new Date()): Promise<number> {
  const gone = await db.delete(slackUsedKeys).where(lte(slackUsedKeys.expiresAt, now)).returning({ key: slackUsedKeys.key });
  return gone.length;
}
