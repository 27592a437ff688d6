import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { tempPrefix } from "../shared/storage/keys.js";
import { deleteAllVersions } from "../shared/storage/objects.js";
import type { JobsCall } from "./deps.js";

/** The upload keys in a list of pictures (a blend's sources, a generation's references). */
const uploadsAmong = (list: unknown): unknown[] =>
  Array.isArray(list) ? list.map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>).uploadKey : undefined)) : [];

/** The uploads a job's stored input names: a transcription's recording, a training's zip, video or images, a region's mask, a blend's or references' pictures. */
function uploadKeysIn(input: Record<string, unknown> | undefined): string[] {
  if (!input) return [];
  const region = input.region && typeof input.region === "object" ? (input.region as Record<string, unknown>) : {};
  const keys = [
    input.uploadKey,
    input.imagesZipKey,
    input.videoKey,
    region.maskUploadKey,
    ...(Array.isArray(input.imageKeys) ? input.imageKeys : []),
    ...uploadsAmong(input.sources),
    ...uploadsAmong(input.references),
  ];
  return keys.filter((k): k is string => typeof k === "string" && k !== "");
}

/**
 * Removes the uploads a deleted job consumed, every version of each, so a link made to one
 * answers 404 at once and no new job can take it again (the daily cleanup of temp/ is for uploads
 * no job took). Only keys under the job owner's own upload prefix, as create checked them: a
 * stored input is never trusted to point anywhere else.
 */
export async function removeConsumedUploads(call: JobsCall, job: Pick<JobDocument, "workspaceId" | "userId" | "input">): Promise<number> {
  if (!job.workspaceId) return 0;
  const own = tempPrefix(job.workspaceId, job.userId);
  let removed = 0;
  for (const key of uploadKeysIn(job.input)) {
    if (key.startsWith(own) && !key.includes("..")) removed += await deleteAllVersions(call.deps.storage, key);
  }
  return removed;
}
