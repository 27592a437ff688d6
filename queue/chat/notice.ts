import type { JobDocument, JobType } from "../../shared/db/mongo/job-schema.js";
import type { Logger } from "../../shared/logger.js";
import { retryThroughRestart } from "../../shared/retry-through-restart.js";
import type { JobQueue } from "../job-queue.js";

/**
 * How long a refresh of one type's waiting positions gathers starts before it runs: a burst of
 * starts moves each waiting message once, and each edit still waits for its channel's send slot
 * (queue-positions.ts). Kept here, beside the one place that asks for a refresh, so the API's
 * side of the queue does not import the worker's.
 */
export const QUEUE_MOVED_COALESCE_MS = 1_000;

/**
 * Tells the deliver queue that a chat job changed (status, progress, deletion), so the job's
 * message in its channel shows the change. Called where the change is written, right after it.
 * A job nobody asked for from chat costs nothing. Retried through a PostgreSQL restart, since a
 * lost notice leaves the result to the five-minute chat sweep; a notice that still cannot be
 * queued is logged, not thrown: the change itself is already stored.
 */
export async function noticeChatChange(
  deps: { queue: Pick<JobQueue, "notifyChat">; logger: Logger },
  job: Pick<JobDocument, "jobId" | "delivery"> | null | undefined,
): Promise<void> {
  if (!job?.delivery) return;
  const logger = deps.logger.child({ jobId: job.jobId });
  try {
    await retryThroughRestart(logger, "queue a chat update", () => deps.queue.notifyChat(job.jobId));
  } catch (err) {
    logger.warn({ err }, "could not queue a chat update");
  }
}

/**
 * Tells the deliver queue that a job of this type started, so the chat jobs waiting behind it
 * show one job fewer ahead (queue-positions.ts). Like a change notice, retried through a
 * PostgreSQL restart and logged rather than thrown: the start itself is already stored.
 */
export async function noticeQueueMoved(deps: { queue: Pick<JobQueue, "notifyQueueMoved">; logger: Logger }, type: JobType): Promise<void> {
  try {
    await retryThroughRestart(deps.logger, "queue a refresh of chat queue positions", () =>
      deps.queue.notifyQueueMoved(type, QUEUE_MOVED_COALESCE_MS),
    );
  } catch (err) {
    deps.logger.warn({ err, type }, "could not queue a refresh of chat queue positions");
  }
}
