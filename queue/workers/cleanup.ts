import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import { sweepRateLimits } from "../../shared/db/sql/rate-limit.js";
import { TEMP_PREFIX } from "../../shared/storage/bucket.js";
import { deleteAllVersions, listObjects } from "../../shared/storage/objects.js";
import type { WorkerDeps } from "../worker-deps.js";

export const TEMP_MAX_AGE_MS = 24 * 3600 * 1000;
export const STALE_MULTIPART_MS = 24 * 3600 * 1000;
/** Provider webhooks are read while their job runs; a week covers every retry of one. */
export const WEBHOOK_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface CleanupReport {
  tempDeleted: number;
  multipartAborted: number;
  rateWindowsDeleted: number;
  webhooksDeleted: number;
}

/**
 * The hourly sweep: uploads under temp/ older than 24 h (where the bucket has no lifecycle
 * rule to do it), multipart uploads a crashed process never completed or aborted, request
 * counts of windows long closed, and provider webhooks older than a week.
 */
export async function runCleanup(deps: Pick<WorkerDeps, "storage" | "logger" | "sql" | "webhooks">, now = Date.now()): Promise<CleanupReport> {
  let tempDeleted = 0;
  for await (const o of listObjects(deps.storage, TEMP_PREFIX)) {
    if (o.lastModified && now - o.lastModified.getTime() > TEMP_MAX_AGE_MS) tempDeleted += await deleteAllVersions(deps.storage, o.key);
  }
  let multipartAborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await deps.storage.client.send(
      new ListMultipartUploadsCommand({ Bucket: deps.storage.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key && u.UploadId && u.Initiated && now - u.Initiated.getTime() > STALE_MULTIPART_MS) {
        await deps.storage.client.send(new AbortMultipartUploadCommand({ Bucket: deps.storage.bucket, Key: u.Key, UploadId: u.UploadId }));
        multipartAborted++;
      }
    }
    if (!page.IsTruncated) break;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
  const rateWindowsDeleted = await sweepRateLimits(deps.sql.db);
  const webhooksDeleted = await deps.webhooks.deleteReceivedBefore(new Date(now - WEBHOOK_MAX_AGE_MS));
  if (tempDeleted || multipartAborted) deps.logger.info({ tempDeleted, multipartAborted, rateWindowsDeleted, webhooksDeleted }, "cleanup");
  return { tempDeleted, multipartAborted, rateWindowsDeleted, webhooksDeleted };
}
