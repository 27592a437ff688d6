import sharp from "sharp";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { ImageGenerationParams, PictureRef } from "../../../shared/jobs/input.js";
import { MAX_PICTURE_BYTES, MAX_SOURCE_PIXELS, ownPictureRefusal, pictureOperationRefusal } from "../../../shared/jobs/picture-limits.js";
import { pictureHeaderOf } from "../../../shared/media/picture-header.js";
import { BlockedUrlError, guardedFetch, readCapped } from "../../../shared/net/ssrf.js";
import { generatedImagesPrefix } from "../../../shared/storage/keys.js";
import { readObject } from "../../../shared/storage/objects.js";
import type { WorkerDeps } from "../../worker-deps.js";
import { PermanentJobError } from "../outcome.js";
import { storeFile } from "../store-file.js";

/** The picture an operation works on, in our bucket. */
export interface SourcePicture {
  s3Key: string;
  width: number;
  height: number;
}

/**
 * The picture an operation works on: image n of its source job's latest version, the caller's
 * upload, or the picture at its URL (fetched through the SSRF guard and kept beside the job's
 * results, so fal reads it from our bucket). A picture of the caller's own is checked again here
 * from its header and then decoded within MAX_SOURCE_PIXELS, before any provider call. Checked
 * at create; a source deleted since fails the job, and one too big for the operation's result
 * is refused again before fal is paid for it.
 */
export async function sourcePicture(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  input: ImageGenerationParams,
): Promise<SourcePicture> {
  const ref: PictureRef | undefined = input.uploadKey
    ? { uploadKey: input.uploadKey }
    : input.imageUrl
      ? { imageUrl: input.imageUrl }
      : input.source;
  const picture = await resolvePicture(deps, job, ref);
  const tooBig = pictureOperationRefusal(input, picture);
  if (tooBig) throw new PermanentJobError(tooBig, "TOO_LARGE");
  return picture;
}

/** One picture named as a job's picture, an upload or a URL; `n` numbers a fetched one among several. */
export async function resolvePicture(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  ref: PictureRef | undefined,
  n?: number,
): Promise<SourcePicture> {
  if (ref && "uploadKey" in ref) return uploadedPicture(deps, ref.uploadKey);
  if (ref && "imageUrl" in ref) return fetchedPicture(deps, job, ref.imageUrl, n);
  return jobPicture(deps, ref);
}

async function jobPicture(deps: WorkerDeps, ref: { jobId: string; image: number } | undefined): Promise<SourcePicture> {
  const source = ref ? await deps.jobs.get(ref.jobId) : undefined;
  const latest = source?.versions.filter((v) => "images" in v).at(-1);
  const picture = ref && latest && "images" in latest ? latest.images[ref.image - 1] : undefined;
  if (!ref || !source || source.deletedAt || !picture)
    throw new PermanentJobError(
      `the source picture (job ${ref?.jobId ?? "none"}, image ${ref?.image ?? "none"}) no longer exists`,
      "SOURCE_GONE",
    );
  return picture;
}

/** A picture's bytes checked as a picture: its header within the limits, then every pixel decoded under limitInputPixels. */
async function checkedPicture(bytes: Buffer, what: string): Promise<{ type: string; width: number; height: number }> {
  const header = pictureHeaderOf(bytes);
  const refused = ownPictureRefusal(header, what);
  if (refused || !header) throw new PermanentJobError(refused ?? `${what} is not a picture`, "BAD_INPUT");
  try {
    await sharp(bytes, { limitInputPixels: MAX_SOURCE_PIXELS }).stats();
  } catch (err) {
    throw new PermanentJobError(`${what} could not be decoded as a picture: ${(err as Error).message}`, "BAD_INPUT");
  }
  return header;
}

async function uploadedPicture(deps: WorkerDeps, key: string): Promise<SourcePicture> {
  let bytes: Buffer;
  try {
    bytes = await readObject(deps.storage, key);
  } catch (err) {
    if ((err as { name?: unknown }).name === "NoSuchKey")
      throw new PermanentJobError("the uploaded picture no longer exists", "SOURCE_GONE");
    throw err;
  }
  if (bytes.length > MAX_PICTURE_BYTES) throw new PermanentJobError("the uploaded picture is larger than 50 MiB", "TOO_LARGE");
  const { width, height } = await checkedPicture(bytes, "the uploaded picture");
  return { s3Key: key, width, height };
}

async function fetchedPicture(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  url: string,
  n?: number,
): Promise<SourcePicture> {
  let bytes: Buffer;
  try {
    const res = await guardedFetch(url, { maxBytes: MAX_PICTURE_BYTES, timeoutMs: 60_000 });
    if (!res.ok) throw new PermanentJobError(`imageUrl answered ${res.status}`, "SOURCE_GONE");
    bytes = await readCapped(res, MAX_PICTURE_BYTES);
  } catch (err) {
    if (err instanceof BlockedUrlError) throw new PermanentJobError(`imageUrl refused: ${err.message}`, "BLOCKED_URL");
    throw err;
  }
  const { type, width, height } = await checkedPicture(bytes, "the picture at imageUrl");
  const ext = type === "jpg" ? "jpg" : type;
  const key = `${generatedImagesPrefix(job.userId, job.jobId)}source${n ? `_${n}` : ""}.${ext}`;
  await storeFile(deps, key, bytes, type === "jpg" ? "image/jpeg" : `image/${type}`);
  return { s3Key: key, width, height };
}
