import type { Readable } from "node:stream";
import { Upload } from "@aws-sdk/lib-storage";
import type { Storage } from "./client.js";

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
 * Streams a body of any size into S3 (multipart above one part). lib-storage aborts the
 * multipart upload when a part fails, so a failed upload leaves no visible object.
 */
export async function uploadStream(storage: Storage, opts: StreamUploadOptions): Promise<UploadResult> {
  const upload = new Upload({
    client: storage.client,
    params: {
      Bucket: storage.bucket,
      Key: opts.key,
      Body: opts.body,
      ...(opts.contentType ? { ContentType: opts.contentType } : {}),
      ...(opts.metadata ? { Metadata: opts.metadata } : {}),
    },
    partSize: opts.partSize ?? 8 * MIB,
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
