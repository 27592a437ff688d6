import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import type { JobsCall } from "./deps.js";
import { jobNotFound } from "./errors.js";
import { canSeeJob } from "./principal.js";

/**
 * The job if the caller may see it. Another workspace's job, a teammate's private job, a
 * deleted job and an id that names nothing all give the same answer, so ids cannot be probed.
 */
export async function loadVisibleJob(call: JobsCall, jobId: string): Promise<JobDocument> {
  const job = await call.deps.jobs.get(jobId);
  if (!job || !canSeeJob(call.principal, job)) throw jobNotFound(jobId);
  return job;
}
