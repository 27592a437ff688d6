import type { JobType } from "../shared/db/mongo/job-schema.js";

/** What the API hands the queue: the job document is already written, this only schedules it. */
export interface QueuedJob {
  jobId: string;
  type: JobType;
}

/**
 * The only way into the queue. `enqueue` is idempotent per jobId (a retried create may call
 * it again for a job that is already queued); `cancel` stops a queued or running job's work.
 */
export interface JobQueue {
  enqueue(job: QueuedJob): Promise<void>;
  cancel(jobId: string): Promise<void>;
}

/** Records what would be queued; the API runs on it until workers are wired in. */
export function createRecordingQueue(): JobQueue & { enqueued: QueuedJob[]; canceled: string[] } {
  const enqueued: QueuedJob[] = [];
  const canceled: string[] = [];
  return {
    enqueued,
    canceled,
    async enqueue(job) {
      if (!enqueued.some((j) => j.jobId === job.jobId)) enqueued.push(job);
    },
    async cancel(jobId) {
      if (!canceled.includes(jobId)) canceled.push(jobId);
    },
  };
}
