import { finalStatuses } from "../../shared/db/mongo/job-schema.js";
import { classifyFailure, PermanentJobError } from "../providers/failures.js";
import type { WorkerDeps } from "../worker-deps.js";
import { setJobStatus } from "./job-status.js";

/** A failure that retrying cannot fix: the job is marked failed at once. */
export { PermanentJobError };

/** The job was canceled or deleted while it ran: stop quietly, store nothing more. */
export class JobCanceled extends Error {
  override name = "JobCanceled";
}

export async function assertStillWanted(deps: WorkerDeps, jobId: string, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) throw new JobCanceled("the queue canceled the job");
  const job = await deps.jobs.get(jobId);
  if (!job || job.deletedAt || finalStatuses.includes(job.status))
    throw new JobCanceled(`job is ${job?.deletedAt ? "deleted" : (job?.status ?? "gone")}`);
}

/**
 * Turns a worker's error into the job's outcome: permanent errors and the last attempt mark the
 * job failed with a readable reason (and return, or rethrow for the dead-letter queue);
 * transient ones rethrow so pg-boss retries with backoff.
 */
export async function settleFailure(
  deps: WorkerDeps,
  jobId: string,
  err: unknown,
  attempt: { retryCount: number; retryLimit: number },
): Promise<void> {
  if (err instanceof JobCanceled) return;
  const { permanent, code, message, retryable = false } = classifyFailure(err);
  if (permanent) {
    await setJobStatus(deps, jobId, "failed", { error: { message, code, retryable } });
    deps.logger.warn({ jobId, code, reason: message }, "job failed");
    return;
  }
  if (attempt.retryCount >= attempt.retryLimit) {
    await setJobStatus(deps, jobId, "failed", {
      error: { message: `gave up after ${attempt.retryCount + 1} attempts: ${message}`, code, retryable: true },
    });
    deps.logger.error({ jobId, reason: message }, "job failed after its last retry");
  } else {
    deps.logger.warn({ jobId, attempt: attempt.retryCount + 1, reason: message }, "job attempt failed; retrying");
  }
  throw err;
}
