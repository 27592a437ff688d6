import type { JobDocument, JobError, JobStatus } from "../../shared/db/mongo/job-schema.js";
import { noticeChatChange, noticeQueueMoved } from "../job-queue.js";
import type { WorkerDeps } from "../worker-deps.js";

/**
 * Every status and progress change a worker makes goes through these two, and each tells the
 * job's chat message (when it has one) right after the write: the notice is part of the change,
 * so the queue entry completes only once it is queued, and a crash before that retries both.
 * A start also moves the line behind the job: the chat jobs waiting there are told.
 */
export async function setJobStatus(
  deps: Pick<WorkerDeps, "jobs" | "queue" | "logger">,
  jobId: string,
  status: JobStatus,
  extra: { error?: JobError | null; progress?: number } = {},
): Promise<JobDocument | null> {
  const job = await deps.jobs.setStatus(jobId, status, extra);
  await noticeChatChange(deps, job);
  if (job && status === "running") await noticeQueueMoved(deps, job.type);
  return job;
}

/** Progress (and the provider's queue position and logs) of a running job; false once the job is final. */
export async function setJobProgress(
  deps: Pick<WorkerDeps, "jobs" | "queue" | "logger">,
  job: Pick<JobDocument, "jobId" | "delivery">,
  progress: number,
  details: { queuePosition?: number | null; logs?: string[] } = {},
): Promise<boolean> {
  const changed = await deps.jobs.setProgress(job.jobId, progress, details);
  if (changed) await noticeChatChange(deps, job);
  return changed;
}
