import { setTimeout as sleep } from "node:timers/promises";
import { TRPCError } from "@trpc/server";
import { JobsError } from "../../../../jobs/errors.js";
import { loadVisibleJob } from "../../../../jobs/read.js";
import { finalStatuses } from "../../../../shared/db/mongo/job-schema.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";

/**
 * How often a watched job is read again. The worker writes progress into the job document, and
 * the document store has no change stream here (FerretDB has none), so a watch reads the job
 * by id, which is a point read: cheap enough at this pace per open page.
 */
export const WATCH_INTERVAL_MS = 750;

/**
 * The job now, then each time it changes, until it is final (or deleted, or the caller goes):
 * server-sent events through tRPC's subscription, for the gallery's job page and `jobs wait`.
 */
export async function* watchHandler({ ctx, input, signal }: { ctx: AuthedContext; input: { jobId: string }; signal: AbortSignal | undefined }) {
  const links = linkFactory(ctx.deps.config, ctx.baseUrl);
  let last = "";
  while (!signal?.aborted) {
    const job = await loadVisibleJob(ctx, input.jobId).catch((err: unknown) => {
      // A subscription's errors arrive after the procedure's middleware returned: mapped here.
      throw err instanceof JobsError ? new TRPCError({ code: err.code, message: err.message, cause: err }) : err;
    });
    const stamp = `${job.status}:${job.progress ?? ""}:${job.updatedAt.getTime()}:${job.versions.length}`;
    if (stamp !== last) {
      last = stamp;
      yield toPublicJob(job, links);
    }
    if (finalStatuses.includes(job.status)) return;
    try {
      await sleep(WATCH_INTERVAL_MS, undefined, { signal });
    } catch {
      return;
    }
  }
}
