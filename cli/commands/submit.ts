import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { ApiError } from "../errors.js";
import { checkJobInput } from "../validate.js";
import { waitForJob } from "../wait.js";
import { type Args, type CliContext, bool, describeJob, str } from "./context.js";
import { downloadJobFiles } from "./download.js";

/** What the shared flags add to the job's input: who sees it and its idempotency key. */
export const sharing = (a: Args) => ({
  visibility: bool(a, "private") ? ("private" as const) : ("workspace" as const),
  ...(str(a, "idempotency-key") ? { idempotencyKey: str(a, "idempotency-key") } : {}),
});

/**
 * A job just made: with --no-wait its id alone on stdout (so `J=$(cg generate … --no-wait)`
 * holds the id), else followed to its end and printed; a job that fails or is canceled makes
 * the command fail, so scripts can rely on the exit code.
 */
export async function follow(ctx: CliContext, a: Args, created: { jobId: string; status: string }): Promise<void> {
  if (bool(a, "no-wait")) return ctx.json ? ctx.result(created) : ctx.out(created.jobId);
  const job: PublicJob = await waitForJob(ctx.api, created.jobId, ctx.progress, ctx.pollMs);
  const out = str(a, "out");
  if (job.status === "completed" && out) {
    const saved = await downloadJobFiles(ctx, job, { out });
    if (!ctx.json) for (const f of saved) ctx.out(`saved ${f}`);
  }
  describeJob(ctx, job);
  if (job.status !== "completed") throw new ApiError(`job ${job.jobId} ${job.status}${job.error ? `: ${job.error.message}` : ""}`);
}

/** Checks the input with the API's schema, creates the job, then follows it as the flags say. */
export async function submitJob(ctx: CliContext, a: Args, input: CreateJobInputRaw): Promise<void> {
  checkJobInput(a.command, input);
  await follow(ctx, a, await ctx.api.jobs.create.mutate(input));
}
