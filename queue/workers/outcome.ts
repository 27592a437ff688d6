import type { z } from "zod";
import { type JobDocument, finalStatuses } from "../../shared/db/mongo/job-schema.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
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
 * The start of every run: the job, marked running, with its stored input parsed. Undefined when
 * there is nothing to do (gone, deleted, or already final, as after a retry of a finished run).
 */
export async function beginJob<S extends z.ZodType>(
  deps: WorkerDeps,
  jobId: string,
  inputSchema: S,
  what: string,
): Promise<{ job: JobDocument; input: z.infer<S> } | undefined> {
  const job = await deps.jobs.get(jobId);
  if (!job || job.deletedAt || finalStatuses.includes(job.status)) return undefined;
  if (!(await setJobStatus(deps, jobId, "running"))) return undefined;
  // Inputs stored before the type was kept beside the parameters still parse.
  const parsed = inputSchema.safeParse({ ...job.input, type: job.type });
  if (!parsed.success) throw new PermanentJobError(`the job's input is not a valid ${what}`, "BAD_INPUT");
  return { job, input: parsed.data };
}

/** One usage row per job, however often the job ran: the job id is unique in the ledger. */
export async function recordUsage(
  deps: WorkerDeps,
  job: {
    jobId: string;
    workspaceId?: string | undefined;
    userId: string;
    type: "image-generation" | "transcription" | "lora-training";
    delivery?: { channelId: string; parentChannelId?: string | undefined } | undefined;
  },
  costUsd: number,
  units: Record<string, number>,
  /** Runs after the first of the same job (retraining v2, v3 …) are charged once each. */
  version = 1,
): Promise<void> {
  if (!job.workspaceId) return;
  await deps.sql.db
    .insert(usageLedger)
    .values({
      workspaceId: job.workspaceId,
      userId: job.userId,
      jobId: version > 1 ? `${job.jobId}/v${version}` : job.jobId,
      jobType: job.type,
      costUsd: costUsd.toFixed(6),
      units,
      // A thread's job counts toward its channel's budget.
      ...(job.delivery ? { channelId: job.delivery.parentChannelId ?? job.delivery.channelId } : {}),
    })
    .onConflictDoNothing({ target: usageLedger.jobId });
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
