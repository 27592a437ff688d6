import { setTimeout as sleep } from "node:timers/promises";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { JobsError } from "../../../../jobs/errors.js";
import { loadVisibleJob } from "../../../../jobs/read.js";
import { finalStatuses } from "../../../../shared/db/mongo/job-schema.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import { quotas } from "../../../../shared/db/sql/schema.js";
import { WATCH_RENEW_MS, releaseWatchLease, renewWatchLease, takeWatchLease } from "../../../../shared/db/sql/watch-leases.js";
import { principalIsLive } from "../../../auth/principal-live.js";
import type { AuthedContext } from "../../context.js";

/**
 * How often a watched job is read again. The worker writes progress into the job document, and
 * the document store has no change stream here (FerretDB has none), so a watch reads the job
 * by id, which is a point read: cheap enough at this pace per open page.
 */
export const WATCH_INTERVAL_MS = 750;
/** Streams one member may hold open at once, on every web machine together: a few pages and a CLI. */
export const MAX_WATCHES_PER_MEMBER = 8;
/**
 * Streams one key may hold open at once: a service key acts for any member it names (made on
 * first use), so the member's cap alone would not bound it.
 */
export const MAX_WATCHES_PER_KEY = 16;
/** Streams a workspace may hold open at once, unless its `quotas` row says otherwise. */
export const MAX_WATCHES_PER_WORKSPACE = 200;
/** A stream ends after this long; the gallery's page and the CLI ask again if the job still runs. */
export const WATCH_MAX_MS = 30 * 60 * 1000;

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
  const lease = await takeLease(ctx);
  try {
    let renewAt = Date.now() + WATCH_RENEW_MS;
    const links = linkFactory(ctx.deps.config, ctx.baseUrl);
    const until = Date.now() + WATCH_MAX_MS;
    let last = "";
    while (!signal?.aborted && Date.now() < until) {
      if (Date.now() >= renewAt) {
        await renewWatchLease(ctx.deps.sql.db, lease, holderOf(ctx));
        renewAt = Date.now() + WATCH_RENEW_MS;
      }
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
    // A lease that cannot be removed now (PostgreSQL down) runs out by itself.
    await releaseWatchLease(ctx.deps.sql.db, lease).catch((err: unknown) =>
      ctx.deps.logger.warn(
        { requestId: ctx.requestId, err: err instanceof Error ? err.message : String(err) },
        "watch lease left to run out",
      ),
    );
  }
}

const holderOf = (ctx: AuthedContext) => ({
  workspaceId: ctx.principal.workspaceId,
  userId: ctx.principal.userId,
  keyId: ctx.principal.keyId,
});

/** A place for one more stream, or TOO_MANY_REQUESTS naming the cap that is full. */
async function takeLease(ctx: AuthedContext): Promise<string> {
  const [row] = await ctx.deps.sql.db
    .select({ max: quotas.maxWatchStreams })
    .from(quotas)
    .where(eq(quotas.workspaceId, ctx.principal.workspaceId));
  const caps = { member: MAX_WATCHES_PER_MEMBER, key: MAX_WATCHES_PER_KEY, workspace: row?.max ?? MAX_WATCHES_PER_WORKSPACE };
  const taken = await takeWatchLease(ctx.deps.sql.db, holderOf(ctx), caps);
  if (taken.ok) return taken.id;
  const whose = { member: "you", key: "this key", workspace: "this workspace" }[taken.by];
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `${whose} may hold at most ${taken.limit} live job views at once; close one and try again`,
  });
}
