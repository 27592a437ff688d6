import { sweepRateLimits } from "../../shared/db/sql/rate-limit.js";
import { pruneWebSessions } from "../../shared/db/sql/web-sessions.js";
import { TEMP_PREFIX } from "../../shared/storage/bucket.js";
import { abortUpload, deleteAllVersions, listObjects, listUnfinishedUploads } from "../../shared/storage/objects.js";
import type { WorkerDeps } from "../worker-deps.js";

export const TEMP_MAX_AGE_MS = 24 * 3600 * 1000;
export const STALE_MULTIPART_MS = 24 * 3600 * 1000;
/** Provider webhooks are read while their job runs; a week covers every retry of one. */
export const WEBHOOK_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface CleanupReport {
  tempDeleted: number;
  multipartAborted: number;
  rateWindowsDeleted: number;
  /** Gallery sign-in links and sessions a day past their end. */
  webSessionsDeleted: number;
  webhooksDeleted: number;
}

/**
 * The hourly sweep: uploads under temp/ older than 24 h (where the bucket has no lifecycle
 * rule to do it), multipart uploads a crashed process never completed or aborted, request
 * counts of windows long closed, and provider webhooks older than a week.
 */
export async function runCleanup(
  deps: Pick<WorkerDeps, "storage" | "logger" | "sql" | "webhooks">,
  now = Date.now(),
): Promise<CleanupReport> {
  let tempDeleted = 0;
  for await (const o of listObjects(deps.storage, TEMP_PREFIX)) {
    if (o.lastModified && now - o.lastModified.getTime() > TEMP_MAX_AGE_MS) tempDeleted += await deleteAllVersions(deps.storage, o.key);
  }
  let multipartAborted = 0;
  for await (const u of listUnfinishedUploads(deps.storage)) {
    if (u.initiated && now - u.initiated.getTime() > STALE_MULTIPART_MS && (await abortUpload(deps.storage, u.key, u.uploadId)))
      multipartAborted++;
  }
  const rateWindowsDeleted = await sweepRateLimits(deps.sql.db);
  const webhooksDeleted = await deps.webhooks.deleteReceivedBefore(new Date(now - WEBHOOK_MAX_AGE_MS));
  const webSessionsDeleted = await pruneWebSessions(deps.sql.db, new Date(now));
  if (tempDeleted || multipartAborted)
    deps.logger.info({ tempDeleted, multipartAborted, rateWindowsDeleted, webhooksDeleted, webSessionsDeleted }, "cleanup");
  return { tempDeleted, multipartAborted, rateWindowsDeleted, webhooksDeleted, webSessionsDeleted };
}
