import type { JobsRepository } from "../../shared/db/mongo/jobs-repository.js";
import type { Logger } from "../../shared/logger.js";
import type { JobQueue } from "../enqueue.js";

const watched = new WeakSet<JobsRepository>();
const REMEMBERED_MAX = 5_000;

/**
 * Queues a chat delivery whenever a chat job's status or progress changes, whichever process
 * changed it. Jobs without a chat delivery cost one lookup, the first time only.
 */
export function watchChatJobs(jobs: JobsRepository, queue: Pick<JobQueue, "notifyChat">, logger: Logger): void {
  if (watched.has(jobs)) return;
  watched.add(jobs);
  const hasDelivery = new Map<string, boolean>();
  jobs.onChange((jobId, job) => {
    void (async () => {
      let chat = job ? Boolean(job.delivery) : hasDelivery.get(jobId);
      if (chat === undefined) chat = Boolean((await jobs.get(jobId))?.delivery);
      if (hasDelivery.size >= REMEMBERED_MAX) hasDelivery.clear();
      hasDelivery.set(jobId, chat);
      if (chat) await queue.notifyChat(jobId);
    })().catch((err: unknown) => logger.warn({ jobId, err }, "could not queue a chat update"));
  });
}
