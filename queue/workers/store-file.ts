import { s3BytesWritten } from "../../shared/metrics/process.js";
import { headObject } from "../../shared/storage/objects.js";
import { uploadStream } from "../../shared/storage/upload.js";
import type { WorkerDeps } from "../worker-deps.js";

/**
 * Writes a result file unless the same key already holds the same number of bytes, so a retried
 * attempt after a crash does not add a second version of it to the versioned bucket.
 */
export async function storeFile(deps: WorkerDeps, key: string, body: Buffer, contentType: string): Promise<void> {
  const existing = await headObject(deps.storage, key);
  if (existing?.ContentLength === body.length) return;
  await uploadStream(deps.storage, { key, body, contentType });
  countWritten(key, body.length);
}

/** Adds to s3_bytes_written_total under the key's top folder (the seed's layout). */
export function countWritten(key: string, bytes: number): void {
  s3BytesWritten.inc({ prefix: key.split("/")[0] ?? "other" }, bytes);
}
