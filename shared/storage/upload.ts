import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Storage } from "./client.js";
import { abortUpload, listUnfinishedUploads } from "./objects.js";

export interface StreamUploadOptions {
  key: string;
  body: Readable | Uint8Array | string;
  contentType?: string;
  metadata?: Record<string, string>;
  /** Parts are buffered in memory: peak memory is about partSize × queueSize. */
  partSize?: number;
  queueSize?: number;
  signal?: AbortSignal;
  onProgress?: (loadedBytes: number) => void;
}

export interface UploadResult {
  key: string;
  etag: string | undefined;
  versionId: string | undefined;
}

const MIB = 1024 * 1024;

/**
 * Aborts the multipart uploads of exactly `key` that are still in progress, and returns how many.
 * A worker killed in the middle of an upload leaves its upload open: its parts are invisible but
 * stored, and billed, until the hourly cleanup aborts uploads older than 24 h. The next attempt at
 * the same key (a job's keys are written by the one worker that holds the job) clears them first.
 * Only an upload that can go multipart does this: one small enough for a single PUT never left one.
 */
export async function abortUnfinishedUploads(storage: Storage, key: string): Promise<number> {
  let aborted = 0;
  // The prefix also matches longer keys (`…/model.safetensors.bak`): only this key's own are aborted.
  for await (const u of listUnfinishedUploads(storage, key)) {
    if (u.key === key && (await abortUpload(storage, key, u.uploadId))) aborted++;
  }
  return aborted;
}

/**
 * Streams a body of any size into S3 (multipart above one part). lib-storage aborts the
 * multipart upload when a part fails, so a failed upload leaves no visible object; what an
 * attempt killed mid-upload left at the key is aborted first.
 */
export async function uploadStream(storage: Storage, opts: StreamUploadOptions): Promise<UploadResult> {
  const partSize = opts.partSize ?? 8 * MIB;
  // A stream's length is unknown, so it may go multipart; a body in memory only when it is over one part.
  const mayBeMultipart =
    typeof opts.body === "string"
      ? Buffer.byteLength(opts.body) > partSize
      : opts.body instanceof Uint8Array
        ? opts.body.length > partSize
        : true;
  if (mayBeMultipart) await abortUnfinishedUploads(storage, opts.key);
  const upload = new Upload({
    client: storage.client,
    params: {
      Bucket: storage.bucket,
      Key: opts.key,
      Body: opts.body,
      ...(opts.contentType ? { ContentType: opts.contentType } : {}),
      ...(opts.metadata ? { Metadata: opts.metadata } : {}),
    },
    partSize,
    queueSize: opts.queueSize ?? 4,
    leavePartsOnError: false,
  });
  if (opts.onProgress) {
    const report = opts.onProgress;
    upload.on("httpUploadProgress", (p) => report(p.loaded ?? 0));
  }
  if (opts.signal) {
    if (opts.signal.aborted) await upload.abort();
    else opts.signal.addEventListener("abort", () => void upload.abort(), { once: true });
  }
  const result = await upload.done();
  return { key: opts.key, etag: result.ETag, versionId: result.VersionId };
}

/**
 * Uploads a file on disk as a multipart upload whose parts stream from byte ranges of the file,
 * so no part is ever assembled in memory (lib-storage buffers each part of a stream it is given).
 * A failure aborts the multipart upload: nothing partial becomes visible. What an attempt killed
 * mid-upload left at the key is aborted first.
 */
export async function uploadFile(
  storage: Storage,
  opts: { key: string; file: string; contentType?: string; partSize?: number; concurrency?: number; signal?: AbortSignal },
): Promise<UploadResult> {
  const { size } = await stat(opts.file);
  const partSize = Math.max(5 * MIB, opts.partSize ?? 16 * MIB);
  if (size <= partSize) {
    const res = await storage.client.send(
      new PutObjectCommand({
        Bucket: storage.bucket,
        Key: opts.key,
        Body: createReadStream(opts.file),
        ContentLength: size,
        ContentType: opts.contentType,
      }),
      opts.signal ? { abortSignal: opts.signal } : {},
    );
    return { key: opts.key, etag: res.ETag, versionId: res.VersionId };
  }
  await abortUnfinishedUploads(storage, opts.key);
  const created = await storage.client.send(
    new CreateMultipartUploadCommand({ Bucket: storage.bucket, Key: opts.key, ContentType: opts.contentType }),
  );
  const uploadId = created.UploadId;
  if (!uploadId) throw new Error("the S3 server returned no UploadId");
  try {
    const count = Math.ceil(size / partSize);
    const parts: Array<{ PartNumber: number; ETag: string | undefined }> = [];
    let next = 0;
    const uploadNext = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        const start = index * partSize;
        const end = Math.min(size, start + partSize) - 1;
        const res = await storage.client.send(
          new UploadPartCommand({
            Bucket: storage.bucket,
            Key: opts.key,
            UploadId: uploadId,
            PartNumber: index + 1,
            Body: createReadStream(opts.file, { start, end }),
            ContentLength: end - start + 1,
          }),
          opts.signal ? { abortSignal: opts.signal } : {},
        );
        parts[index] = { PartNumber: index + 1, ETag: res.ETag };
      }
    };
    await Promise.all(Array.from({ length: Math.min(count, opts.concurrency ?? 2) }, uploadNext));
    const done = await storage.client.send(
      new CompleteMultipartUploadCommand({ Bucket: storage.bucket, Key: opts.key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
    );
    return { key: opts.key, etag: done.ETag, versionId: done.VersionId };
  } catch (err) {
    await storage.client
      .send(new AbortMultipartUploadCommand({ Bucket: storage.bucket, Key: opts.key, UploadId: uploadId }))
      .catch(() => {});
    throw err;
  }
}
