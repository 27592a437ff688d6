import { noticeChatChange } from "../queue/job-queue.js";
import { finalStatuses } from "../shared/db/mongo/job-schema.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { ownsJob } from "./principal.js";
import { loadVisibleJob } from "./read.js";

/** Cancels a queued or running job of the caller's; canceling a canceled job is a no-op. */
export async function cancelJob(call: JobsCall, jobId: string): Promise<{ jobId: string; status: string }> {
  const { deps } = call;
  const job = await loadVisibleJob(call, jobId);
  if (!ownsJob(call.principal, job)) throw new JobsError("FORBIDDEN", "only the job's owner can cancel it");
  if (job.status === "canceled") return { jobId: job.jobId, status: job.status };
  if (finalStatuses.includes(job.status)) throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} already ${job.status}`);
  const updated = await deps.jobs.setStatus(job.jobId, "canceled", { error: { message: "canceled by its owner", code: "CANCELED" } });
  await noticeChatChange(deps, updated);
  await deps.queue.cancel({ jobId: job.jobId, type: job.type });
  // A worker may have finished it in between: report what the document says now.
  const status = updated?.status ?? (await deps.jobs.get(job.jobId))?.status ?? "canceled";
  return { jobId: job.jobId, status };
}
