import type { JobStatus, JobType } from "../../shared/db/mongo/job-schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { ApiError } from "../errors.js";
import { waitForJob } from "../wait.js";
import { type Args, type CliContext, describeJob, num, str } from "./context.js";
import { downloadJobFiles } from "./download.js";
import { counted, jobSummary } from "../format.js";
import { loraFlag } from "./generate.js";

/** `jobs [list]`: one line per job, newest first, and how to get the next page. */
export async function jobsList(ctx: CliContext, a: Args): Promise<void> {
  const lora = str(a, "lora");
  const optional = {
    type: str(a, "type") as JobType | undefined,
    status: str(a, "status") as JobStatus | undefined,
    visibility: str(a, "visibility") as "workspace" | "private" | undefined,
    userId: str(a, "user"),
    search: str(a, "search"),
    createdFrom: str(a, "created-from"),
    createdBefore: str(a, "created-before"),
    loraJobId: lora ? await loraFlag(ctx, lora) : undefined,
    channelId: str(a, "channel"),
    limit: num(a, "limit"),
    cursor: str(a, "cursor"),
  };
  const input = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  const page = await ctx.api.jobs.list.query(input);
  if (ctx.json) return ctx.result(page);
  for (const j of page.items as PublicJob[])
    ctx.out(`${j.jobId}  ${j.type.padEnd(16)}  ${j.status.padEnd(9)}  ${j.createdAt}  ${j.userId}  ${jobSummary(j).slice(0, 60)}`);
  if (page.nextCursor) ctx.out(`more: cg jobs list --cursor ${page.nextCursor}`);
}

const jobIdOf = (a: Args) => ({ jobId: a.positionals[0] as string });

export async function jobsGet(ctx: CliContext, a: Args): Promise<void> {
  describeJob(ctx, (await ctx.api.jobs.get.query(jobIdOf(a))) as PublicJob);
}

/** `jobs wait <jobId>`: follows the job to its end (and saves its files with --out); one that failed or was canceled fails the command. */
export async function jobsWait(ctx: CliContext, a: Args): Promise<void> {
  const job = await waitForJob(ctx.api, jobIdOf(a).jobId, ctx.progress, ctx.pollMs);
  const out = str(a, "out");
  if (job.status === "completed" && out) for (const f of await downloadJobFiles(ctx, job, { out })) if (!ctx.json) ctx.out(`saved ${f}`);
  describeJob(ctx, job);
  if (job.status !== "completed") throw new ApiError(`job ${job.jobId} ${job.status}${job.error ? `: ${job.error.message}` : ""}`);
}

/** `jobs watch <jobId>`: a line on stdout for each change until the job ends (a JSON line each with --json). */
export async function jobsWatch(ctx: CliContext, a: Args): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const subscription = ctx.api.jobs.watch.subscribe(jobIdOf(a), {
      onData(job) {
        if (ctx.json) ctx.out(JSON.stringify(job));
        else ctx.out(`${new Date().toISOString()}  ${job.status}${typeof job.progress === "number" ? ` ${job.progress}%` : ""}`);
      },
      onError(err) {
        subscription.unsubscribe();
        reject(err);
      },
      onComplete: resolve,
    });
  });
}

export async function jobsCancel(ctx: CliContext, a: Args): Promise<void> {
  const done = await ctx.api.jobs.cancel.mutate(jobIdOf(a));
  return ctx.json ? ctx.result(done) : ctx.out(`${done.jobId ?? jobIdOf(a).jobId} ${done.status}`);
}

export async function jobsDelete(ctx: CliContext, a: Args): Promise<void> {
  const done = await ctx.api.jobs.delete.mutate(jobIdOf(a));
  return ctx.json
    ? ctx.result(done)
    : ctx.out(`${jobIdOf(a).jobId} ${done.deleted ? `deleted (${counted(done.objectsRemoved, "file")})` : "was already deleted"}`);
}

/** `jobs share <jobId>`: your finished private job, shared with the workspace. */
export async function jobsShare(ctx: CliContext, a: Args): Promise<void> {
  const job = (await ctx.api.jobs.share.mutate(jobIdOf(a))) as PublicJob;
  return ctx.json ? ctx.result(job) : ctx.out(`${job.jobId} shared with the workspace (visibility ${job.visibility})`);
}
