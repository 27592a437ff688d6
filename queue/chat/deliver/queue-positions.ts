import type { JobType } from "../../../shared/db/mongo/job-schema.js";
import type { DeliverDeps } from "./deps.js";

/**
 * The waiting jobs whose messages are refreshed when their line moves: the front of it, where
 * the figure changes what people expect. Further back, a message shows its figure as of its
 * last edit until it comes this near.
 */
export const QUEUE_POSITIONS_REFRESHED = 100;

/**
 * A job of this type started: the waiting chat jobs of the type behind it now have one job
 * fewer ahead. Each one's delivery is queued (coalesced per job with any already waiting),
 * which edits its message with the figure as it is then. A job whose message is not edited
 * while it waits (a private Slack job: only its result goes out) is left alone. Returns how
 * many were queued.
 */
export async function refreshQueuePositions(deps: Pick<DeliverDeps, "jobs" | "queue" | "logger">, type: JobType): Promise<number> {
  const line = await deps.queue.waiting(type, QUEUE_POSITIONS_REFRESHED);
  let queued = 0;
  for (const jobId of line) {
    const job = await deps.jobs.get(jobId);
    const d = job?.delivery;
    if (!job || !d || job.status !== "queued" || job.deletedAt) continue;
    if (d.platform === "slack" && d.private) continue;
    await deps.queue.notifyChat(jobId);
    queued++;
  }
  deps.logger.debug({ type, waiting: line.length, refreshed: queued }, "chat queue positions refreshed");
  return queued;
}
