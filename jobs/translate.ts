import type { TranscriptVersion } from "../shared/db/mongo/job-schema.js";
import type { TranslateJobInput } from "../shared/jobs/transcript-inputs.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { assertWithinLimits } from "./quota.js";
import { loadVisibleJob } from "./read.js";

/**
 * Asks for a finished transcription's translation into one more language: checked here, made by
 * the translate queue's worker (queue/workers/translation.ts), which alone adds the files to the
 * job. Anyone who can see the job may ask; the translation is charged to them.
 */
export async function translateJob(call: JobsCall, input: TranslateJobInput): Promise<{ jobId: string; language: string; queued: true }> {
  const job = await loadVisibleJob(call, input.jobId);
  if (job.type !== "transcription") throw new JobsError("BAD_REQUEST", "only a transcription can be translated");
  if (job.status !== "completed")
    throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} is ${job.status}: a transcription is translated once it has completed`);
  const version = job.versions.at(-1) as TranscriptVersion | undefined;
  if (!version || !job.provider?.requestId) throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} has no transcript to translate`);
  if (version.s3Keys?.translations?.[input.language])
    throw new JobsError("CONFLICT", `job ${job.jobId} is translated into ${input.language} already`);
  await assertWithinLimits(call);
  const queued = await call.deps.queue.translate({
    jobId: job.jobId,
    language: input.language,
    userId: call.principal.userId,
    ...(call.requestId ? { requestId: call.requestId } : {}),
  });
  if (!queued) throw new JobsError("CONFLICT", `job ${job.jobId} is being translated into ${input.language} already`);
  return { jobId: job.jobId, language: input.language, queued: true };
}
