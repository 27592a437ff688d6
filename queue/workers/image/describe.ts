import { z } from "zod";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import { describePromptCount } from "../../../shared/jobs/image-endpoints.js";
import { visionCost } from "../../../shared/pricing.js";
import type { WorkerDeps } from "../../worker-deps.js";
import type { CanceledRunBill } from "../fal-cancel.js";
import { setJobStatus } from "../job-status.js";
import { JobCanceled, PermanentJobError, assertStillWanted } from "../outcome.js";
import { recordUsage } from "../record-usage.js";
import { readFalResult } from "../wait-for-fal.js";

/**
 * What the worker reads of a vision answer: its text and what it cost. fal's page for
 * openrouter/router/vision shows `usage: {prompt_tokens, completion_tokens, total_tokens, cost}`;
 * @fal-ai/client's UsageInfo names `input_tokens` and `output_tokens`: either is read.
 */
const visionResult = z.object({
  output: z.string(),
  usage: z
    .object({
      cost: z.number().nonnegative().optional(),
      prompt_tokens: z.number().optional(),
      completion_tokens: z.number().optional(),
      input_tokens: z.number().optional(),
      output_tokens: z.number().optional(),
    })
    .optional(),
});
type VisionResult = z.infer<typeof visionResult>;

const costOf = (r: VisionResult) =>
  visionCost({
    cost: r.usage?.cost,
    inputTokens: r.usage?.prompt_tokens ?? r.usage?.input_tokens,
    outputTokens: r.usage?.completion_tokens ?? r.usage?.output_tokens,
  });

const ASPECT = /\s*--ar\s+(\d{1,3}:\d{1,3})\s*\.?\s*$/i;

/**
 * The prompts in a vision model's answer: its numbered lines ("1. …", "2) …"; any non-empty
 * line when none is numbered), each without its `--ar W:H`, which gives the aspect ratio (the
 * one most prompts name). At most describePromptCount.
 */
export function promptsIn(output: string): { prompts: string[]; aspectRatio?: string } {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const numbered = lines.map((l) => /^(?:\d{1,2}[.):]|[-*•])\s*(.+)$/.exec(l)?.[1]).filter((l): l is string => Boolean(l));
  const ratios = new Map<string, number>();
  const prompts = (numbered.length > 0 ? numbered : lines).slice(0, describePromptCount).map((line) => {
    const ratio = ASPECT.exec(line)?.[1];
    if (ratio) ratios.set(ratio, (ratios.get(ratio) ?? 0) + 1);
    return line
      .replace(ASPECT, "")
      .replace(/^\*\*|\*\*$/g, "")
      .trim();
  });
  const aspectRatio = [...ratios.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return { prompts: prompts.filter(Boolean), ...(aspectRatio ? { aspectRatio } : {}) };
}

/** Stores a finished describe: its prompts as the job's version, its cost, and completion. */
export async function completeDescribe(
  deps: WorkerDeps,
  job: JobDocument,
  model: string,
  requestId: string,
  signal?: AbortSignal,
): Promise<void> {
  const result = await readFalResult(deps, model, requestId, visionResult, "output");
  const { prompts, aspectRatio } = promptsIn(result.output);
  const costUsd = costOf(result);
  if (prompts.length === 0) {
    await recordUsage(deps, job, costUsd, { requests: 1 });
    throw new PermanentJobError("the vision model answered no prompts", "BAD_RESULT");
  }
  await assertStillWanted(deps, job.jobId, signal);
  await deps.jobs.pushVersion(job.jobId, {
    version: 1,
    prompts,
    ...(aspectRatio ? { aspectRatio } : {}),
    costUsd,
    endpoint: model,
    createdAt: new Date(),
  });
  await deps.jobs.addSearchTerms(
    job.jobId,
    prompts.flatMap((p) => p.toLowerCase().split(/[^a-z0-9]+/)).filter((t) => t.length > 2),
  );
  await recordUsage(deps, job, costUsd, { requests: 1 });
  const done = await setJobStatus(deps, job.jobId, "completed", { progress: 100 });
  if (!done) throw new JobCanceled("canceled while storing");
}

/** A describe canceled while it ran is billed what its answer says it cost. */
export function billCanceledDescribe(deps: WorkerDeps): CanceledRunBill {
  return async (job, data) => {
    const parsed = visionResult.safeParse(data);
    if (parsed.success) await recordUsage(deps, job, costOf(parsed.data), { requests: 1 });
  };
}
