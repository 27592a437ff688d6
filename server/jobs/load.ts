import { TRPCError } from "@trpc/server";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { canSeeJob } from "../auth/principal.js";
import type { AuthedContext } from "../trpc/context.js";

/**
 * The job if the caller may see it. Another workspace's job, a teammate's private job, a
 * deleted job and an id that names nothing all give the same answer, so ids cannot be probed.
 */
export async function loadVisibleJob(ctx: AuthedContext, jobId: string): Promise<JobDocument> {
  const job = await ctx.deps.jobs.get(jobId);
  if (!job || !canSeeJob(ctx.principal, job)) {
    throw new TRPCError({ code: "NOT_FOUND", message: `job ${jobId} was not found` });
  }
  return job;
}
