import { PutObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import sharp from "sharp";
import type { JobDocument } from "../db/mongo/job-schema.js";
import type { Storage } from "./client.js";
import { thumbnailKey } from "./keys.js";
import { deleteAllVersions, headObject, readObject } from "./objects.js";

/** The longer side of a thumbnail: a gallery cell of 192 CSS px on a 2× screen. */
export const THUMBNAIL_SIZE = 384;
export const THUMBNAIL_QUALITY = 75;
export const THUMBNAIL_CONTENT_TYPE = "image/webp";

/** A thumbnail cannot be made: the job has no such image, its file is gone, or it is not a picture. */
export class ThumbnailSourceError extends Error {
  override name = "ThumbnailSourceError";
}

/**
 * A WebP of at most 384 px on the longer side, never larger than the picture itself. sharp drops
 * EXIF, ICC and XMP unless asked to keep them, so the camera or tool data of an uploaded source
 * never reaches the gallery; the orientation is applied first so the picture still stands upright.
 */
export async function makeThumbnail(image: Uint8Array): Promise<Buffer> {
  try {
    return await sharp(image, { autoOrient: true })
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: THUMBNAIL_QUALITY })
      .toBuffer();
  } catch (err) {
    throw new ThumbnailSourceError(`not a picture sharp can read (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** What ensureThumbnail reads of a job: whose it is and its pictures' keys. */
export type ThumbnailJob = Pick<JobDocument, "jobId" | "userId" | "versions">;

/** The stored key of picture n (from 1) of the job's latest image version, as the worker and the API number them. */
export function sourceImageKey(job: ThumbnailJob, n: number): string {
  const latest = job.versions.filter((v) => "images" in v).at(-1);
  const picture = latest && "images" in latest ? latest.images[n - 1] : undefined;
  if (!picture) throw new ThumbnailSourceError(`job ${job.jobId} has no image ${n}`);
  return picture.s3Key;
}

/** Makes in flight in this process, by thumbnail key: concurrent views of one picture resize it once. */
const making = new Map<string, Promise<string>>();

/**
 * The key of picture n's thumbnail, made from the stored picture when it is missing. Safe to call
 * at once from several processes: the write is conditional (If-None-Match), so the first one
 * stores the object and the others find it there, leaving one object with one version. A picture
 * that is missing or unreadable throws ThumbnailSourceError.
 */
export function ensureThumbnail(storage: Storage, job: ThumbnailJob, n: number): Promise<string> {
  const key = thumbnailKey(job.userId, job.jobId, n);
  const pending = making.get(key);
  if (pending) return pending;
  const made = makeMissing(storage, job, n, key).finally(() => making.delete(key));
  making.set(key, made);
  return made;
}

/** ensureThumbnail's key, or undefined where the job has no such picture to make one from (a 404, not an error). */
export async function findThumbnail(storage: Storage, job: ThumbnailJob, n: number): Promise<string | undefined> {
  try {
    return await ensureThumbnail(storage, job, n);
  } catch (err) {
    if (err instanceof ThumbnailSourceError) return undefined;
    throw err;
  }
}

async function makeMissing(storage: Storage, job: ThumbnailJob, n: number, key: string): Promise<string> {
  if (await headObject(storage, key)) return key;
  const source = sourceImageKey(job, n);
  let bytes: Buffer;
  try {
    bytes = await readObject(storage, source);
  } catch (err) {
    if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)
      throw new ThumbnailSourceError(`image ${n} of job ${job.jobId} is not in storage (${source})`);
    throw err;
  }
  await putIfAbsent(storage, key, await makeThumbnail(bytes));
  // The job may have been deleted while this ran: its thumbnails were then removed after its
  // images, so a thumbnail stored since must go too, or it would outlive the job.
  if (!(await headObject(storage, source))) {
    await deleteAllVersions(storage, key);
    throw new ThumbnailSourceError(`image ${n} of job ${job.jobId} was deleted while its thumbnail was made`);
  }
  return key;
}

/** Writes the object unless the key holds one; an existing object (412) counts as written. */
async function putIfAbsent(storage: Storage, key: string, body: Buffer): Promise<void> {
  // S3 answers 409 to a conditional write racing another one to the same key; the retry then sees the winner.
  for (let attempt = 1; ; attempt++) {
    try {
      await storage.client.send(
        new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: body, ContentType: THUMBNAIL_CONTENT_TYPE, IfNoneMatch: "*" }),
      );
      return;
    } catch (err) {
      const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
      if (status === 412) return;
      if (status !== 409 || attempt >= 3) throw err;
    }
  }
}
