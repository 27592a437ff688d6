import { readObject } from "../storage/objects.js";
import { transcriptKeys } from "../storage/keys.js";
import { uploadStream } from "../storage/upload.js";
import { recordGatewayUsage } from "./ledger.js";
import type { NotesFile } from "./notes-schema.js";
import { NOTES_TRANSLATION_PROMPT, translateNotes } from "./translate-notes.js";
import type { NotesDeps } from "./write-notes.js";

export type WrittenNotesTranslation = "stored" | "no-notes" | "taken" | { failed: string };

/**
 * The job's current notes in `language`, as notes.<lang>.md and notes.<lang>.json beside them.
 * Announced on the job before the gateway is asked (it takes no idempotency key), so a retry or a
 * second caller never pays twice; charged in the ledger under `<jobId>/notes.v<n>.<lang>`, to
 * `chargedTo` (who asked, for jobs.translate) or else the job's owner.
 */
export async function writeNotesTranslation(
  deps: NotesDeps,
  jobId: string,
  language: string,
  chargedTo?: string,
): Promise<WrittenNotesTranslation> {
  const job = await deps.jobs.get(jobId);
  const notes = job?.notes;
  if (!job || job.deletedAt || !notes?.md || !notes.json) return "no-notes";
  const revision = notes.revision;
  const announced = await deps.jobs.transcripts.announceNotesTranslation(jobId, revision, language, NOTES_TRANSLATION_PROMPT.version);
  if (!announced) return "taken";
  const original = JSON.parse((await readObject(deps.storage, notes.json)).toString("utf8")) as NotesFile;
  const made = await translateNotes(deps.config.providers, original, language);
  await recordGatewayUsage(deps.sql, {
    key: `${jobId}/notes.v${revision}.${language}`,
    workspaceId: job.workspaceId,
    userId: chargedTo ?? job.userId,
    costUsd: made.costUsd,
    usage: made.usage,
    channelId: job.delivery ? (job.delivery.parentChannelId ?? job.delivery.channelId) : undefined,
  });
  if (!made.ok) {
    deps.logger.warn({ jobId, revision, language, reason: made.reason }, "the LLM Gateway's translated notes were not usable; none stored");
    return { failed: made.reason };
  }
  const keys = transcriptKeys(job.userId, jobId);
  const files = { md: keys.translatedNotes(revision, language, "md"), json: keys.translatedNotes(revision, language, "json") };
  await uploadStream(deps.storage, {
    key: files.json,
    body: Buffer.from(JSON.stringify(made.file, null, 2)),
    contentType: "application/json",
  });
  await uploadStream(deps.storage, { key: files.md, body: Buffer.from(made.markdown), contentType: "text/markdown; charset=utf-8" });
  await deps.jobs.transcripts.storeNotesTranslation(jobId, revision, language, files, made.costUsd);
  deps.logger.info({ jobId, revision, language, costUsd: made.costUsd }, "translated meeting notes stored");
  return "stored";
}
