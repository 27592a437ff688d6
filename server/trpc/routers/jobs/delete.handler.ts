import { TRPCError } from "@trpc/server";
import { finalStatuses } from "../../../../shared/db/mongo/job-schema.js";
import { deleteAllVersions } from "../../../../shared/storage/objects.js";
import { jobPrefixes } from "../../../../shared/storage/keys.js";
import { canSeeJob, ownsJob } from "../../../auth/principal.js";
import type { AuthedContext } from "../../context.js";

/**
 * Stops the job, removes every object (all versions) under its prefixes, then marks the
 * document deleted. Deleting a deleted job is a no-op; links to its files answer 410.
 */
export async function deleteHandler({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) {
  const job = await ctx.deps.jobs.get(input.jobId);
  // Visibility ignoring the deletion mark, so a second delete is a no-op rather than a 404.
  if (!job || !canSeeJob(ctx.principal, { ...job, deletedAt: null })) throw new TRPCError({ code: "NOT_FOUND", message: `job ${input.jobId} was not found` });
  if (!ownsJob(ctx.principal, job)) throw new TRPCError({ code: "FORBIDDEN", message: "only the job's owner can delete it" });
  if (job.deletedAt) return { jobId: job.jobId, deleted: false, objectsRemoved: 0 };
  if (!finalStatuses.includes(job.status)) {
    await ctx.deps.jobs.setStatus(job.jobId, "canceled", { error: { message: "deleted by its owner", code: "DELETED" } });
    await ctx.deps.queue.cancel({ jobId: job.jobId, type: job.type });
  }
  let objectsRemoved = 0;
  for (const prefix of jobPrefixes(job.userId, job.jobId)) objectsRemoved += await deleteAllVersions(ctx.deps.storage, prefix);
  const deleted = await ctx.deps.jobs.markDeleted(job.jobId);
  return { jobId: job.jobId, deleted, objectsRemoved };
}
