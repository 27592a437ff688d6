import { createHash } from "node:crypto";
import type { SqlDb } from "../../shared/db/sql/client.js";
import { claimSlackKey, pruneSlackKeys } from "../../shared/db/sql/slack-used-keys.js";

/** What the Slack app may take only once across every web machine: a verified request, an OAuth state. */
export interface UsedOnce {
  /** True the first time `key` is claimed before `until`; false for a second claim meanwhile. */
  claim(key: string, until: Date): Promise<boolean>;
}

/** Expired claims are deleted at most this often per process, by the claim that comes after. */
const PRUNE_EVERY_MS = 60_000;

export const sha256Hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** The claims in PostgreSQL (`slack_used_keys`), the expired ones pruned now and then. */
export function usedOnceIn(db: SqlDb): UsedOnce {
  let prunedAt = 0;
  return {
    async claim(key, until) {
      if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        // A prune that fails leaves rows for the next one; it never costs a request its answer.
        await pruneSlackKeys(db).catch(() => 0);
      }
      return claimSlackKey(db, key, until);
    },
  };
}
