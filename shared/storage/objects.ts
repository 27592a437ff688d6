import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import type { Storage } from "./client.js";

export interface ObjectSummary {
  key: string;
  size: number;
  lastModified: Date | undefined;
}

/** Every object under a prefix, following continuation tokens. */
export async function* listObjects(storage: Storage, prefix: string): AsyncGenerator<ObjectSummary> {
  let token: string | undefined;
  do {
    const page = await storage.client.send(new ListObjectsV2Command({ Bucket: storage.bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) {
      if (o.Key) yield { key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified };
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

export interface UnfinishedUpload {
  key: string;
  uploadId: string;
  initiated: Date | undefined;
}

/** Multipart uploads (under `prefix`, or all) that were started and neither completed nor aborted. */
export async function* listUnfinishedUploads(storage: Storage, prefix?: string): AsyncGenerator<UnfinishedUpload> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await storage.client.send(
      new ListMultipartUploadsCommand({
        Bucket: storage.bucket,
        ...(prefix ? { Prefix: prefix } : {}),
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
      }),
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key && u.UploadId) yield { key: u.Key, uploadId: u.UploadId, initiated: u.Initiated };
    }
    if (!page.IsTruncated || (!page.NextKeyMarker && !page.NextUploadIdMarker)) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

/** Aborts one multipart upload; false when it was completed or aborted since it was listed. */
export async function abortUpload(storage: Storage, key: string, uploadId: string): Promise<boolean> {
  try {
    await storage.client.send(new AbortMultipartUploadCommand({ Bucket: storage.bucket, Key: key, UploadId: uploadId }));
    return true;
  } catch (err) {
    if ((err as { name?: unknown } | null)?.name === "NoSuchUpload") return false;
    throw err;
  }
}

/** An object's bytes, for the small files (pictures) a worker sends on. */
export async function readObject(storage: Storage, key: string): Promise<Buffer> {
  const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
  if (!res.Body) throw new Error(`storage returned no body for ${key}`);
  return Buffer.from(await res.Body.transformToByteArray());
}

export async function headObject(storage: Storage, key: string): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await storage.client.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }));
  } catch (err) {
    if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return undefined;
    throw err;
  }
}

/** Deletes every object under a prefix in batches of up to 1000; returns how many were deleted. */
export async function deletePrefix(storage: Storage, prefix: string): Promise<number> {
  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await storage.client.send(
      new DeleteObjectsCommand({
        Bucket: storage.bucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
    deleted += batch.length;
    batch = [];
  };
  for await (const o of listObjects(storage, prefix)) {
    batch.push(o.key);
    if (batch.length === 1000) await flush();
  }
  await flush();
  return deleted;
}

/**
 * Deletes every version and delete marker under a prefix, so nothing of it survives in a
 * versioned bucket (a plain delete there only adds a marker). Returns the number removed.
 */
export async function deleteAllVersions(storage: Storage, prefix: string): Promise<number> {
  let removed = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const page = await storage.client.send(
      new ListObjectVersionsCommand({ Bucket: storage.bucket, Prefix: prefix, KeyMarker: keyMarker, VersionIdMarker: versionMarker }),
    );
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
      .filter((v) => v.Key)
      .map((v) => ({ Key: v.Key as string, ...(v.VersionId ? { VersionId: v.VersionId } : {}) }));
    for (let i = 0; i < objects.length; i += 1000) {
      const batch = objects.slice(i, i + 1000);
      await storage.client.send(new DeleteObjectsCommand({ Bucket: storage.bucket, Delete: { Objects: batch, Quiet: true } }));
      removed += batch.length;
    }
    if (!page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
    versionMarker = page.NextVersionIdMarker;
  }
  return removed;
}

export async function pingStorage(storage: Storage): Promise<void> {
  await storage.client.send(new HeadBucketCommand({ Bucket: storage.bucket }));
}
