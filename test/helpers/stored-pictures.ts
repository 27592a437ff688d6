import sharp from "sharp";
import { expect } from "vitest";
import type { createApp } from "../../server/app.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import type { Storage } from "../../shared/storage/client.js";
import { readObject } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "./http.js";

/** A picture's RGB pixels, 3 bytes each, row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Buffer;
}

/** The RGB pixels of a picture stored in S3. */
export async function storedPixels(storage: Storage, key: string): Promise<Pixels> {
  const { data, info } = await sharp(await readObject(storage, key))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** The S3 key of picture `n` (from 1) of a job's latest version. */
export const latestPictureKey = (job: PublicJob, n = 1): string =>
  (job.versions.at(-1) as { images: Array<{ s3Key: string }> }).images[n - 1]?.s3Key ?? "";

/** Uploads a file (a PNG unless told) as the key's member, through assets.uploadUrl and its presigned PUT; the upload key. */
export async function uploadPicture(
  app: ReturnType<typeof createApp>,
  key: string,
  bytes: Buffer,
  fileName: string,
  contentType = "image/png",
): Promise<string> {
  const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
    await trpcCall(app, key, "assets.uploadUrl", { fileName, contentType, sizeBytes: bytes.length }, "mutation"),
  );
  expect((await fetch(up.url, { method: "PUT", body: new Uint8Array(bytes), headers: up.headers })).status).toBe(200);
  return up.uploadKey;
}
