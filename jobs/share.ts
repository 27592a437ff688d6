import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import type { JobsCall } from "./deps.js";
import { JobsError, jobNotFound } from "./errors.js";
import { ownsJob } from "./principal.js";
import { loadVisibleJob } from "./read.js";

/**
 * Shares a finished private job with the caller's workspace ("Share to channel"): from now on
 * teammates see it like any shared job. Only its owner may; sharing a shared job changes nothing.
 */
export async function shareJob(call: JobsCall, jobId: string): Promise<JobDocument> {
  const job = await loadVisibleJob(call, jobId);
  if (!ownsJob(call.principal, job)) throw new JobsError("FORBIDDEN", "only the job's owner can share it");
  if (job.status !== "completed")
    throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} has not finished (status ${job.status}); share its result once it has`);
  if (job.visibility !== "private") return job;
  const shared = await call.deps.jobs.setVisibility(job.jobId, "workspace");
  if (!shared) throw jobNotFound(job.jobId);
  call.deps.logger.info({ requestId: call.requestId, jobId: job.jobId }, "job shared with its workspace");
  return shared;
}
