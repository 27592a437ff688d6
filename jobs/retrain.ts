import { v5 as uuidv5 } from "uuid";
import type { RetrainJobInput } from "../shared/jobs/input.js";
import type { JobsCall } from "./deps.js";
import { assertTeamAllowsTraining } from "./chat-settings.js";
import { queueRun } from "./enqueue.js";
import { JobsError } from "./errors.js";
import { ownsJob } from "./principal.js";
import { assertWithinLimits } from "./quota.js";
import { loadVisibleJob } from "./read.js";

const RUN_NAMESPACE = "6f1c2a9e-0d4b-4c61-9b7e-3c8d5f2e1a70";

/** Trains a completed LoRA again on its dataset; the result is stored as the next version, v{n+1}. */
export async function retrainJob(call: JobsCall, input: RetrainJobInput): Promise<{ jobId: string; status: string; version: number }> {
  const job = await loadVisibleJob(call, input.jobId);
  if (!ownsJob(call.principal, job)) throw new JobsError("FORBIDDEN", "only the job's owner can retrain it");
  if (job.type !== "lora-training") throw new JobsError("BAD_REQUEST", "only LoRA training jobs can be retrained");
  await assertTeamAllowsTraining(call);
  await assertWithinLimits(call);
  const nextInput = { ...(job.input ?? {}), ...(input.steps ? { steps: input.steps } : {}) };
  const reopened = await call.deps.jobs.reopenForRetraining(job.jobId, nextInput);
  if (!reopened)
    throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} is ${job.status}; only a completed training can be retrained`);
  const version = reopened.versions.length + 1;
  // Each version's run has its own queue id: the first run's entry already used the job id.
  await queueRun(call, reopened, uuidv5(`${job.jobId}:v${version}`, RUN_NAMESPACE));
  return { jobId: job.jobId, status: reopened.status, version };
}
