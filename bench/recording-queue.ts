import type { JobQueue, QueuedJob, TranslateMessage } from "../queue/job-queue.js";

/**
 * A JobQueue in memory that only records what it is asked: the API without pg-boss or workers,
 * as the API tests and the API bench run it. Enqueue is idempotent per run id, as pg-boss's is.
 */
export type RecordingQueue = JobQueue & {
  enqueued: QueuedJob[];
  canceled: string[];
  notified: string[];
  queueMoves: string[];
  translations: TranslateMessage[];
};

export function createRecordingQueue(): RecordingQueue {
  const enqueued: QueuedJob[] = [];
  const canceled: string[] = [];
  const notified: string[] = [];
  const queueMoves: string[] = [];
  const translations: TranslateMessage[] = [];
  const queuedAt = new Map<string, number>();
  return {
    enqueued,
    canceled,
    notified,
    queueMoves,
    translations,
    async translate(request) {
      if (translations.some((t) => t.jobId === request.jobId && t.language === request.language)) return false;
      translations.push(request);
      return true;
    },
    async notifyChat(jobId) {
      notified.push(jobId);
    },
    async notifyQueueMoved(type) {
      queueMoves.push(type);
    },
    async waiting(type, limit) {
      return enqueued
        .filter((j) => j.type === type && !canceled.includes(j.jobId))
        .map((j) => j.jobId)
        .slice(0, limit);
    },
    async enqueue(job) {
      if (!enqueued.some((j) => (j.runId ?? j.jobId) === (job.runId ?? job.jobId))) enqueued.push(job);
      if (!queuedAt.has(job.jobId)) queuedAt.set(job.jobId, Date.now());
    },
    async cancel(job) {
      if (!canceled.includes(job.jobId)) canceled.push(job.jobId);
    },
    async ahead(type, since) {
      return enqueued.filter((j) => j.type === type && !canceled.includes(j.jobId) && (queuedAt.get(j.jobId) ?? 0) < since.getTime())
        .length;
    },
    async outstanding(owner) {
      const live = enqueued.filter((j) => j.owner.workspaceId === owner.workspaceId && !canceled.includes(j.jobId));
      return { user: live.filter((j) => j.owner.userId === owner.userId).length, workspace: live.length };
    },
  };
}
