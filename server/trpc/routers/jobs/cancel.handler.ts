import { TRPCError } from "@trpc/server";
import { finalStatuses } from "../../../../shared/db/mongo/job-schema.js";
import { ownsJob } from "../../../auth/principal.js";
import { loadVisibleJob } from "../../../jobs/load.js";
import type { AuthedContext } from "../../context.js";

/** Cancels a queued or running job of the caller's; canceling a canceled job is a no-op. */
export async function cancelHandler({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) {
  const job = await loadVisibleJob(ctx, input.jobId);
  if (!ownsJob(ctx.principal, job)) throw new TRPCError({ code: "FORBIDDEN", message: "only the job's owner can cancel it" });
  if (job.status === "canceled") return { jobId: job.jobId, status: job.status };
  if (finalStatuses.includes(job.status)) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `job ${job.jobId} already ${job.status}` });
  }
  const updated = await ctx.deps.jobs.setStatus(job.jobId, "canceled", { error: { message: "canceled by its owner", code: "CANCELED" } });
  await ctx.deps.queue.cancel({ jobId: job.jobId, type: job.type });
  // A worker may have finished it in between: report what the document says now.
  const status = updated?.status ?? (await ctx.deps.jobs.get(job.jobId))?.status ?? "canceled";
  return { jobId: job.jobId, status };
}
