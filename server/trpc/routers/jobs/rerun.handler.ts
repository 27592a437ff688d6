import { TRPCError } from "@trpc/server";
import { createJob } from "../../../jobs/create-job.js";
import { loadVisibleJob } from "../../../jobs/load.js";
import type { AuthedContext } from "../../context.js";
import { createJobInput } from "./create.schema.js";
import type { z } from "zod";
import type { rerunJobInput } from "./rerun.schema.js";

/** A new job of the caller's with the original input; anyone who can see a job can rerun it. */
export async function rerunHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof rerunJobInput> }) {
  const original = await loadVisibleJob(ctx, input.jobId);
  const overrides: Record<string, unknown> = {};
  if (input.seed !== undefined || input.count !== undefined) {
    if (original.type !== "image-generation") {
      throw new TRPCError({ code: "BAD_REQUEST", message: "seed and count apply to image generation jobs only" });
    }
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
  if (!parsed.success) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `job ${original.jobId} has an input that can no longer be run` });
  }
  const { jobId, status } = await createJob(ctx, parsed.data);
  return { jobId, status, rerunOf: original.jobId };
}
