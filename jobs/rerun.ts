import { imageEndpointFor, imageEndpoints } from "../shared/jobs/image-endpoints.js";
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
    ...(original.type === "image-generation" ? withoutFormerDefaults(original.input ?? {}, call) : original.input),
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

/**
 * Image inputs stored while steps and guidance had defaults hold 28 and 3.5 whether or not the
 * caller chose them; an endpoint that takes neither (FLUX pro) would refuse every such rerun.
 * Those exact values are left out there; any other value is kept, and refused if unsupported.
 */
function withoutFormerDefaults(input: Record<string, unknown>, call: JobsCall): Record<string, unknown> {
  const { steps, guidance, ...rest } = input;
  const endpoint = imageEndpointFor(input, call.deps.config.providers.imageModels);
  const takes: readonly string[] = imageEndpoints[endpoint].takes;
  return {
    ...rest,
    ...(steps !== undefined && (steps !== 28 || takes.includes("steps")) ? { steps } : {}),
    ...(guidance !== undefined && (guidance !== 3.5 || takes.includes("guidance")) ? { guidance } : {}),
  };
}
