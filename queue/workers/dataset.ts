import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { zipSync } from "fflate";
import { imageSize } from "image-size";
import type { WorkerDeps } from "../worker-deps.js";
import { readImagesZip } from "./images-zip.js";
import { MediaToolError } from "../../shared/media/run-tool.js";
import { PermanentJobError } from "./outcome.js";
import { UnreadableVideoError, extractFrames } from "./video-frames.js";

export const MIN_IMAGES = 4;
const MAX_ZIP_BYTES = 500 * 1024 * 1024;
const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

export interface DatasetImage {
  name: string;
  bytes: Buffer;
  caption: string;
}

export interface DatasetSource {
  imagesZipKey?: string | undefined;
  imageKeys?: string[] | undefined;
  videoKey?: string | undefined;
  triggerWord: string;
}

async function readObject(deps: WorkerDeps, key: string, maxBytes: number): Promise<Buffer> {
  const res = await deps.storage.client.send(new GetObjectCommand({ Bucket: deps.storage.bucket, Key: key }));
  if ((res.ContentLength ?? 0) > maxBytes)
    throw new PermanentJobError(`${key.split("/").pop()} is larger than ${maxBytes} bytes`, "BAD_INPUT");
  return Buffer.from(await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** True when the bytes decode as an image; anything else in an archive or upload is skipped. */
function isReadableImage(bytes: Buffer): boolean {
  try {
    const size = imageSize(bytes);
    return Boolean(size.width && size.height);
  } catch {
    return false;
  }
}

/**
 * The training images with their captions: from a zip (a same-name .txt beside an image is its
 * caption), from uploaded images, or from frames of a video. Captions default to the trigger word.
 */
export async function collectImages(deps: WorkerDeps, source: DatasetSource): Promise<DatasetImage[]> {
  const images: DatasetImage[] = [];
  const add = (bytes: Buffer, caption?: string) => {
    const n = String(images.length + 1).padStart(3, "0");
    const ext = imageSize(bytes).type === "jpg" ? "jpg" : (imageSize(bytes).type ?? "png");
    images.push({ name: `image_${n}.${ext}`, bytes, caption: caption?.trim() || source.triggerWord });
  };

  if (source.imagesZipKey) {
    const { images: entries, texts } = readImagesZip(await readObject(deps, source.imagesZipKey, MAX_ZIP_BYTES));
    const captions = new Map([...texts].map(([name, text]) => [name.replace(/\.txt$/i, ""), text]));
    for (const [name, bytes] of entries) {
      if (isReadableImage(bytes)) add(bytes, captions.get(name.replace(/\.[^.]+$/, "")));
    }
  } else if (source.imageKeys) {
    for (const key of source.imageKeys) {
      const bytes = await readObject(deps, key, MAX_IMAGE_BYTES);
      if (isReadableImage(bytes)) add(bytes);
    }
  } else if (source.videoKey) {
    const dir = await mkdtemp(path.join(tmpdir(), "cg-video-"));
    try {
      const file = path.join(dir, "input");
      const res = await deps.storage.client.send(new GetObjectCommand({ Bucket: deps.storage.bucket, Key: source.videoKey }));
      await pipeline(res.Body as Readable, createWriteStream(file));
      let frames: Buffer[];
      try {
        frames = await extractFrames(file, dir);
      } catch (err) {
        if (err instanceof UnreadableVideoError) throw new PermanentJobError(err.message, "BAD_INPUT");
        // The same file would take as long again: a retry would only hold a worker longer.
        if (err instanceof MediaToolError && err.reason === "timeout") throw new PermanentJobError(err.message, "VIDEO_TOO_SLOW");
        throw err;
      }
      if (frames.length < MIN_IMAGES)
        throw new PermanentJobError(`insufficient frames: got ${frames.length}, need ${MIN_IMAGES}`, "INSUFFICIENT_FRAMES");
      for (const frame of frames) add(frame);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (images.length < MIN_IMAGES)
    throw new PermanentJobError(`insufficient images: got ${images.length}, need ${MIN_IMAGES}`, "INSUFFICIENT_IMAGES");
  return images;
}

/** The archive the training provider takes: each image with its caption as a same-name .txt. */
export function datasetZip(images: DatasetImage[]): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const img of images) {
    files[img.name] = new Uint8Array(img.bytes);
    files[img.name.replace(/\.[^.]+$/, ".txt")] = new Uint8Array(Buffer.from(img.caption));
  }
  return Buffer.from(zipSync(files, { level: 0 }));
}
