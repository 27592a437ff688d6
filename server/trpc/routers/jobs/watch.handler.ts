import { setTimeout as sleep } from "node:timers/promises";
import { TRPCError } from "@trpc/server";
import { JobsError } from "../../../../jobs/errors.js";
import { loadVisibleJob } from "../../../../jobs/read.js";
import { finalStatuses } from "../../../../shared/db/mongo/job-schema.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import { principalIsLive } from "../../../auth/principal-live.js";
import type { AuthedContext } from "../../context.js";

/**
 * How often a watched job is read again. The worker writes progress into the job document, and
 * the document store has no change stream here (FerretDB has none), so a watch reads the job
 * by id, which is a point read: cheap enough at this pace per open page.
 */
export const WATCH_INTERVAL_MS = 750;
/** Streams one member may hold open at once in this process: a few pages and a CLI. */
export const MAX_WATCHES_PER_MEMBER = 8;
/** A stream ends after this long; the gallery's page and the CLI ask again if the job still runs. */
export const WATCH_MAX_MS = 30 * 60 * 1000;

const open = new Map<string, number>();

/** A subscription's errors arrive after the procedure's middleware returned: mapped here. */
const asTrpcError = (err: unknown) =>
  err instanceof JobsError ? new TRPCError({ code: err.code, message: err.message, cause: err }) : err;

/**
 * The job now, then each time it changes, until it is final (or deleted, or the caller goes):
 * server-sent events through tRPC's subscription, for the gallery's job page and `jobs wait`.
 * The caller's key or session is checked again on every read, so revoking it ends the stream.
 */
export async function* watchHandler({
  ctx,
  input,
  signal,
}: {
  ctx: AuthedContext;
  input: { jobId: string };
  signal: AbortSignal | undefined;
}) {
  const member = `${ctx.principal.workspaceId}:${ctx.principal.userId}`;
  const held = open.get(member) ?? 0;
  if (held >= MAX_WATCHES_PER_MEMBER) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `at most ${MAX_WATCHES_PER_MEMBER} live job views at once; close one and try again`,
    });
  }
  open.set(member, held + 1);
  try {
    const links = linkFactory(ctx.deps.config, ctx.baseUrl);
    const until = Date.now() + WATCH_MAX_MS;
    let last = "";
    while (!signal?.aborted && Date.now() < until) {
      if (last && !(await principalIsLive(ctx.deps, ctx.principal)))
        throw new TRPCError({ code: "UNAUTHORIZED", message: "the key or session of this stream was revoked" });
      const job = await loadVisibleJob(ctx, input.jobId).catch((err: unknown) => {
        throw asTrpcError(err);
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
  } finally {
    const left = (open.get(member) ?? 1) - 1;
    if (left > 0) open.set(member, left);
    else open.delete(member);
  }
}
