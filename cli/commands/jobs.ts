import { parseArgs } from "node:util";
import { jobStatuses, jobTypes } from "../../shared/db/mongo/job-schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { UsageError } from "../client.js";
import { waitForJob } from "../wait.js";
import { type CliContext, describeJob } from "./context.js";

const usage =
  "usage: jobs [list] [--type <type>] [--status <status>] [--user <id>] [--limit n] [--cursor c] | jobs get|wait|cancel|delete|rerun <jobId>";

const promptOf = (job: PublicJob) =>
  typeof job.input.prompt === "string"
    ? job.input.prompt
    : typeof job.input.triggerWord === "string"
      ? `trigger ${job.input.triggerWord}`
      : "";

export async function jobs(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      type: { type: "string" },
      status: { type: "string" },
      user: { type: "string" },
      limit: { type: "string" },
      cursor: { type: "string" },
      seed: { type: "string" },
    },
  });
  const [verb = "list", jobId] = positionals;
  if (verb === "list") {
    if (values.type && !(jobTypes as readonly string[]).includes(values.type))
      throw new UsageError(`--type must be one of ${jobTypes.join(", ")}`);
    if (values.status && !(jobStatuses as readonly string[]).includes(values.status))
      throw new UsageError(`--status must be one of ${jobStatuses.join(", ")}`);
    const page = await ctx.api.jobs.list.query({
      ...(values.type ? { type: values.type as (typeof jobTypes)[number] } : {}),
      ...(values.status ? { status: values.status as (typeof jobStatuses)[number] } : {}),
      ...(values.user ? { userId: values.user } : {}),
      ...(values.limit ? { limit: Number(values.limit) } : {}),
      ...(values.cursor ? { cursor: values.cursor } : {}),
    });
    if (ctx.json) return ctx.result(page);
    for (const j of page.items as PublicJob[])
      ctx.out(`${j.jobId}  ${j.type.padEnd(16)}  ${j.status.padEnd(9)}  ${j.createdAt}  ${j.userId}  ${promptOf(j).slice(0, 60)}`);
    if (page.nextCursor) ctx.out(`more: jobs list --cursor ${page.nextCursor}`);
    return;
  }
  if (!jobId) throw new UsageError(usage);
  switch (verb) {
    case "get":
      return describeJob(ctx, (await ctx.api.jobs.get.query({ jobId })) as PublicJob);
    case "wait":
      return describeJob(ctx, await waitForJob(ctx.api, jobId, ctx.progress, ctx.pollMs));
    case "cancel": {
      const done = await ctx.api.jobs.cancel.mutate({ jobId });
      return ctx.json ? ctx.result(done) : ctx.out(`${jobId} ${done.status}`);
    }
    case "delete": {
      const done = await ctx.api.jobs.delete.mutate({ jobId });
      return ctx.json ? ctx.result(done) : ctx.out(`${jobId} deleted`);
    }
    case "rerun": {
      const created = await ctx.api.jobs.rerun.mutate({ jobId, ...(values.seed !== undefined ? { seed: values.seed } : {}) });
      return ctx.json ? ctx.result(created) : ctx.out(`${created.jobId} ${created.status}`);
    }
    default:
      throw new UsageError(usage);
  }
}
