import { TRPCError } from "@trpc/server";
import { v5 as uuidv5 } from "uuid";
import type { z } from "zod";
import { ownsJob } from "../../../auth/principal.js";
import { loadVisibleJob } from "../../../jobs/load.js";
import { assertWithinLimits } from "../../../jobs/quota.js";
import type { AuthedContext } from "../../context.js";
import type { retrainJobInput } from "./retrain.schema.js";

const RUN_NAMESPACE = "6f1c2a9e-0d4b-4c61-9b7e-3c8d5f2e1a70";

/** Trains a completed LoRA again on its dataset; the result is stored as the next version, v{n+1}. */
export async function retrainHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof retrainJobInput> }) {
  const job = await loadVisibleJob(ctx, input.jobId);
  if (!ownsJob(ctx.principal, job)) throw new TRPCError({ code: "FORBIDDEN", message: "only the job's owner can retrain it" });
  if (job.type !== "lora-training") throw new TRPCError({ code: "BAD_REQUEST", message: "only LoRA training jobs can be retrained" });
  await assertWithinLimits(ctx);
  const nextInput = { ...(job.input ?? {}), ...(input.steps ? { steps: input.steps } : {}) };
  const reopened = await ctx.deps.jobs.reopenForRetraining(job.jobId, nextInput);
  if (!reopened) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `job ${job.jobId} is ${job.status}; only a completed training can be retrained` });
  const version = reopened.versions.length + 1;
  await ctx.deps.queue.enqueue({ jobId: job.jobId, type: job.type, owner: { workspaceId: ctx.principal.workspaceId, userId: ctx.principal.userId }, requestId: ctx.requestId, runId: uuidv5(`${job.jobId}:v${version}`, RUN_NAMESPACE) });
  return { jobId: job.jobId, status: reopened.status, version };
}
