import { noticeChatChange } from "../queue/job-queue.js";
import { finalStatuses } from "../shared/db/mongo/job-schema.js";
import { forgetBoardPicturesOf } from "../shared/db/sql/boards.js";
import { forgetFavouritesOf } from "../shared/db/sql/favourites.js";
import { jobPrefixes } from "../shared/storage/keys.js";
import { deleteAllVersions } from "../shared/storage/objects.js";
import { removeConsumedUploads } from "./consumed-uploads.js";
import type { JobsCall } from "./deps.js";
import { JobsError, jobNotFound } from "./errors.js";
import { canSeeJob, ownsJob } from "./principal.js";

/**
 * Stops the job, removes every object (all versions) under its prefixes and the uploads it
 * consumed, then marks the document deleted. Deleting a deleted job is a no-op; links to its files answer 410.
 */
export async function deleteJob(call: JobsCall, jobId: string): Promise<{ jobId: string; deleted: boolean; objectsRemoved: number }> {
  const { deps } = call;
  const job = await deps.jobs.get(jobId);
  // Visibility ignoring the deletion mark, so a second delete is a no-op rather than a 404.
  if (!job || !canSeeJob(call.principal, { ...job, deletedAt: null })) throw jobNotFound(jobId);
  if (!ownsJob(call.principal, job)) throw new JobsError("FORBIDDEN", "only the job's owner can delete it");
  if (job.deletedAt) return { jobId: job.jobId, deleted: false, objectsRemoved: 0 };
  if (!finalStatuses.includes(job.status)) {
    await noticeChatChange(
      deps,
      await deps.jobs.setStatus(job.jobId, "canceled", { error: { message: "deleted by its owner", code: "DELETED" } }),
    );
    await deps.queue.cancel({ jobId: job.jobId, type: job.type });
  }
  let objectsRemoved = 0;
  for (const prefix of jobPrefixes(job.userId, job.jobId)) objectsRemoved += await deleteAllVersions(deps.storage, prefix);
  objectsRemoved += await removeConsumedUploads(call, job);
  const deleted = await deps.jobs.markDeleted(job.jobId);
  // Reads skip a deleted job's pictures anyway; this keeps favourites' and boards' pages full.
  await Promise.all([forgetFavouritesOf(deps.sql.db, job.jobId), forgetBoardPicturesOf(deps.sql.db, job.jobId)]);
  if (deleted) await noticeChatChange(deps, job);
  return { jobId: job.jobId, deleted, objectsRemoved };
}
