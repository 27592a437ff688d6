import type { TranscriptVersion } from "../../shared/db/mongo/job-schema.js";
import { translationCost } from "../../shared/pricing.js";
import { deleteAllVersions } from "../../shared/storage/objects.js";
import { noticeChatChange, type TranslateMessage } from "../job-queue.js";
import { translationRequest } from "../providers/assemblyai-options.js";
import { PermanentJobError } from "../providers/failures.js";
import { providerCall } from "../providers/timed-calls.js";
import type { WorkerDeps } from "../worker-deps.js";
import { notesInLanguage } from "./meeting-notes.js";
import { recordUsage } from "./record-usage.js";
import { storeTranslation } from "./translated-transcript.js";

/**
 * Translates a finished transcription into one more language (jobs.translate), through the
 * LLM Gateway's Speech Understanding endpoint on the job's AssemblyAI transcript
 * (https://www.assemblyai.com/docs/speech-understanding/translation, "Transcribe and translate in
 * separate requests"), and adds transcript.<lang>.txt, .srt and .vtt to the job's newest
 * version. The job stays completed throughout: this queue's worker is the only writer of the
 * translation, and its write is conditional, so a retry adds nothing twice.
 *
 * Crash and retry: AssemblyAI keeps a translation on the transcript ("add translations to
 * existing transcripts"), so a retry first reads the transcript and asks (and pays) again only
 * when the translation is not there; the files are written unless already stored, and the usage
 * row is one per job and language. The job's notes, when it has them, are translated after the
 * transcript (notes.<lang>.md and .json), announced first so a retry pays for them once.
 */
export async function runTranslation(deps: WorkerDeps, message: TranslateMessage): Promise<void> {
  const { jobId, language } = message;
  const job = await deps.jobs.get(jobId);
  if (!job || job.deletedAt || job.type !== "transcription" || job.status !== "completed") return;
  const index = job.versions.length - 1;
  const version = job.versions[index] as TranscriptVersion | undefined;
  if (!version) return;
  if (version.s3Keys?.translations?.[language]) {
    // A retry after the transcript's translation was stored: the notes' may be what is missing.
    if (!job.notes?.translations?.[language]) await notesInLanguage(deps, jobId, language, message.userId);
    return;
  }
  const transcriptId = job.provider?.requestId;
  if (!transcriptId) throw new PermanentJobError("the job names no AssemblyAI transcript to translate", "BAD_INPUT");

  const aai = deps.assemblyai;
  let answer: unknown = await providerCall("assemblyai", "get", () => aai.transcripts.get(transcriptId), 30_000);
  if (!(answer as { translated_texts?: Record<string, string> | null }).translated_texts?.[language]) {
    answer = await providerCall("assemblyai", "understanding", () =>
      aai.llmGateway.understanding({
        transcript_id: transcriptId,
        speech_understanding: { request: { translation: { ...translationRequest(language) } } },
      }),
    );
  }
  const stored = await storeTranslation(deps, job, answer, language);
  if (!stored) throw new PermanentJobError(`AssemblyAI answered no translation into ${language}`, "PROVIDER_FAILED");
  const cost = translationCost(version.duration);
  const added = await deps.jobs.transcripts.addTranslation(
    jobId,
    { index, version: version.version },
    language,
    { ...stored.files, sizeBytes: stored.bytes, addedLater: true },
    cost,
  );
  await recordUsage(deps, { ...job, jobId: `${jobId}/translation-${language}`, userId: message.userId }, cost, {
    audioSeconds: version.duration,
  });
  if (added) {
    await notesInLanguage(deps, jobId, language, message.userId);
    await noticeChatChange(deps, job);
  } else if ((await deps.jobs.get(jobId))?.deletedAt) {
    // Deleted while translating: its delete has swept the job's files already, so these go too.
    for (const key of Object.values(stored.files)) await deleteAllVersions(deps.storage, key);
  }
}
