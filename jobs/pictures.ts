import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { InvalidPictureCursorError, type PictureRef, type PictureRow, encodePictureCursor } from "../shared/db/sql/picture-rows.js";
import type { JobsCall } from "./deps.js";
import { JobsError, jobNotFound } from "./errors.js";
import { canSeeJob } from "./principal.js";
import { loadVisibleJob } from "./read.js";

/** A picture of a job the caller may see, on a favourites or board page. */
export interface PictureItem {
  job: JobDocument;
  picture: number;
  addedAt: Date;
}

export interface PicturePage {
  items: PictureItem[];
  nextCursor: string | null;
}

/**
 * How many pictures a job has, as the gallery's tiles count them: those of its latest version. A
 * job without pictures (a transcript, a LoRA, one still running) is one tile, picture 1.
 */
export function pictureCount(job: Pick<JobDocument, "versions">): number {
  const latest = job.versions.at(-1);
  return Math.max(1, latest && "images" in latest ? latest.images.length : 0);
}

function checkPicture(job: JobDocument, ref: PictureRef): JobDocument {
  const pictures = pictureCount(job);
  if (ref.picture > pictures)
    throw new JobsError("BAD_REQUEST", `job ${job.jobId} has ${pictures === 1 ? "1 picture" : `${pictures} pictures`}, not ${ref.picture}`);
  return job;
}

/** The job of a picture the caller may see; a picture number the job does not have is a bad request. */
export async function loadVisiblePicture(call: JobsCall, ref: PictureRef): Promise<JobDocument> {
  return checkPicture(await loadVisibleJob(call, ref.jobId), ref);
}

/**
 * The jobs of a selection's pictures, in its order, read at once: the first picture the caller
 * may not see, or that its job does not have, refuses them all as loadVisiblePicture would.
 */
export async function loadVisiblePictures(call: JobsCall, refs: readonly PictureRef[]): Promise<JobDocument[]> {
  const found = await call.deps.jobs.getMany(call.principal.workspaceId, [...new Set(refs.map((r) => r.jobId))]);
  const jobs = new Map(found.map((j) => [j.jobId, j] as const));
  return refs.map((ref) => {
    const job = jobs.get(ref.jobId);
    if (!job || !canSeeJob(call.principal, job)) throw jobNotFound(ref.jobId);
    return checkPicture(job, ref);
  });
}

/**
 * A page of favourites or board rows as pictures: their jobs read at once, in the caller's
 * workspace, and only the pictures the caller may see now. A job deleted or made private since
 * it was put there drops out, so a page can hold fewer than `limit`; the cursor still goes on.
 */
export async function picturePage(call: JobsCall, limit: number, readRows: (limit: number) => Promise<PictureRow[]>): Promise<PicturePage> {
  let rows: PictureRow[];
  try {
    rows = await readRows(limit + 1);
  } catch (err) {
    if (err instanceof InvalidPictureCursorError) throw new JobsError("BAD_REQUEST", err.message);
    throw err;
  }
  const shown = rows.slice(0, limit);
  const ids = [...new Set(shown.map((r) => r.jobId))];
  const jobs = new Map((await call.deps.jobs.getMany(call.principal.workspaceId, ids)).map((j) => [j.jobId, j] as const));
  const items = shown.flatMap((row) => {
    const job = jobs.get(row.jobId);
    if (!job || !canSeeJob(call.principal, job) || row.picture > pictureCount(job)) return [];
    return [{ job, picture: row.picture, addedAt: row.addedAt }];
  });
  const last = shown.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePictureCursor(last) : null };
}
