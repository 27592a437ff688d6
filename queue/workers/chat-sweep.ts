import { and, inArray, isNotNull, or } from "drizzle-orm";
import { chatDeliveries } from "../../shared/db/sql/schema.js";
import type { JobQueue } from "../job-queue.js";
import type { WorkerDeps } from "../worker-deps.js";

/** Results older than this are not worth posting late. */
export const SWEEP_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Queues a delivery for every chat job that finished recently and whose result never went out:
 * a change notice lost to a crash or to PostgreSQL being down at that moment. Runs every few
 * minutes; the deliver queue's own bookkeeping keeps a result from going out twice.
 */
export async function runChatSweep(
  deps: Pick<WorkerDeps, "jobs" | "sql" | "logger">,
  queue: Pick<JobQueue, "notifyChat">,
  now = Date.now(),
): Promise<number> {
  const ids = await deps.jobs.chatJobsFinishedSince(new Date(now - SWEEP_WINDOW_MS));
  if (ids.length === 0) return 0;
  const delivered = new Set<string>();
  for (let i = 0; i < ids.length; i += 1_000) {
    const rows = await deps.sql.db
      .select({ jobId: chatDeliveries.jobId })
      .from(chatDeliveries)
      // Settled: delivered, or found undeliverable with its requester told.
      .where(
        and(
          inArray(chatDeliveries.jobId, ids.slice(i, i + 1_000)),
          or(isNotNull(chatDeliveries.finalDeliveredAt), isNotNull(chatDeliveries.undeliverable)),
        ),
      );
    for (const r of rows) delivered.add(r.jobId);
  }
  const missed = ids.filter((id) => !delivered.has(id));
  for (const jobId of missed) await queue.notifyChat(jobId);
  if (missed.length) deps.logger.warn({ count: missed.length }, "chat results that had not gone out were queued again");
  return missed.length;
}
