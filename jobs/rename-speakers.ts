import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import type { RenameSpeakersInput } from "../shared/jobs/transcript-inputs.js";
import { type SpeakerNames, speakerNameMap, speakersOf } from "../shared/jobs/speaker-names.js";
import { readObject } from "../shared/storage/objects.js";
import type { JobsCall } from "./deps.js";
import { JobsError, jobNotFound } from "./errors.js";
import { loadVisibleJob } from "./read.js";

/**
 * Names a finished transcription's speakers for everyone who sees it ("A" → "Alice"); a null
 * takes a name back. Any member who sees the job may, as in a shared document; the speakers
 * named must be the transcript's. The stored files stay as AssemblyAI made them: the API, the
 * downloads (chat's links included), the gallery and chat replies made afterwards render them
 * with the names; a chat message already delivered is not edited.
 */
export async function renameSpeakers(call: JobsCall, input: RenameSpeakersInput): Promise<JobDocument> {
  const job = await loadVisibleJob(call, input.jobId);
  if (job.type !== "transcription") throw new JobsError("BAD_REQUEST", `job ${job.jobId} is not a transcription: it has no speakers`);
  if (job.status !== "completed")
    throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} has not finished (status ${job.status}); name its speakers once it has`);
  const latest = job.versions.at(-1);
  const key = latest && "transcriptUrl" in latest ? (latest.s3Keys?.json ?? latest.transcriptUrl) : undefined;
  if (!key) throw new JobsError("PRECONDITION_FAILED", `job ${job.jobId} has no transcript`);
  const speakers = speakersOf(JSON.parse((await readObject(call.deps.storage, key)).toString("utf8")));
  const unknown = Object.keys(input.names).filter((s) => !speakers.includes(s));
  if (unknown.length > 0)
    throw new JobsError(
      "BAD_REQUEST",
      speakers.length === 0
        ? "this transcript does not tell speakers apart: transcribe it again with speakers on"
        : `no speaker ${unknown.map((s) => `"${s.slice(0, 40)}"`).join(", ")} in this transcript; its speakers are ${speakers.join(", ")}`,
    );
  const names = { ...speakerNameMap(job.speakerNames), ...input.names };
  const pairs: SpeakerNames = speakers.flatMap((speaker) => {
    const name = names[speaker];
    return typeof name === "string" ? [{ speaker, name }] : [];
  });
  const named = await call.deps.jobs.transcripts.setSpeakerNames(job.jobId, pairs);
  if (!named) throw jobNotFound(job.jobId);
  // The names are what people typed: the log says how many, never which.
  call.deps.logger.info({ requestId: call.requestId, jobId: job.jobId, named: pairs.length }, "speakers renamed");
  return named;
}
