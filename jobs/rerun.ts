import { createJobInput, type RerunJobInput } from "../shared/jobs/input.js";
import { createJob } from "./create.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { loadVisibleJob } from "./read.js";

/** A new job of the caller's with the original input; anyone who can see a job can rerun it. */
export async function rerunJob(call: JobsCall, input: RerunJobInput): Promise<{ jobId: string; status: string; rerunOf: string }> {
  const original = await loadVisibleJob(call, input.jobId);
  const overrides: Record<string, unknown> = {};
  if (input.seed !== undefined || input.count !== undefined) {
    if (original.type !== "image-generation") throw new JobsError("BAD_REQUEST", "seed and count apply to image generation jobs only");
    if (input.seed !== undefined) overrides.seed = input.seed;
    if (input.count !== undefined) overrides.count = input.count;
  }
  const parsed = createJobInput.safeParse({
    ...original.input,
    ...overrides,
    type: original.type,
    visibility: original.visibility ?? "workspace",
    ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    ...(input.delivery ? { delivery: input.delivery } : {}),
  });
  if (!parsed.success) throw new JobsError("PRECONDITION_FAILED", `job ${original.jobId} has an input that can no longer be run`);
  const { jobId, status } = await createJob(call, parsed.data);
  return { jobId, status, rerunOf: original.jobId };
}
