import path from "node:path";
import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { ApiError } from "../client.js";
import { waitForJob } from "../wait.js";
import { type CliContext, describeJob } from "./context.js";
import { downloadJobFiles } from "./download.js";

/** The flags every job-making command takes, for parseArgs. */
export const submitFlags = {
  private: { type: "boolean", default: false },
  "idempotency-key": { type: "string" },
  "no-wait": { type: "boolean", default: false },
  out: { type: "string", short: "o" },
} as const;

interface SubmitFlagValues {
  private?: boolean | undefined;
  "idempotency-key"?: string | undefined;
  "no-wait"?: boolean | undefined;
  out?: string | undefined;
}

/** What the shared flags add to the job's input: who sees it and its idempotency key. */
export const sharing = (v: SubmitFlagValues) => ({
  visibility: v.private ? ("private" as const) : ("workspace" as const),
  ...(v["idempotency-key"] ? { idempotencyKey: v["idempotency-key"] } : {}),
});

/** Whether to follow the job to its end, and where to save its files. */
export const following = (v: SubmitFlagValues): SubmitOptions => ({ wait: !v["no-wait"], out: v.out });

export interface SubmitOptions {
  wait: boolean;
  /** Download the result's files into this folder once the job completes. */
  out?: string | undefined;
}

/**
 * Creates the job, then (unless told not to wait) follows it to the end and prints it; a job
 * that fails or is canceled makes the command fail, so scripts can rely on the exit code.
 */
export async function submitJob(ctx: CliContext, input: CreateJobInputRaw, opts: SubmitOptions): Promise<void> {
  const created = await ctx.api.jobs.create.mutate(input);
  if (!opts.wait) {
    if (ctx.json) return ctx.result(created);
    return ctx.out(`${input.type} ${created.jobId} ${created.status}`);
  }
  const job: PublicJob = await waitForJob(ctx.api, created.jobId, ctx.progress, ctx.pollMs);
  if (job.status === "completed" && opts.out) {
    const saved = await downloadJobFiles(ctx, job, { out: opts.out });
    if (!ctx.json) for (const f of saved) ctx.out(`saved ${path.relative(process.cwd(), f) || f}`);
  }
  describeJob(ctx, job);
  if (job.status !== "completed") throw new ApiError(`job ${job.jobId} ${job.status}${job.error ? `: ${job.error.message}` : ""}`);
}
