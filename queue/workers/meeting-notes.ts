import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { notesWanted } from "../../shared/meeting/notes-wanted.js";
import { type TranscriptSource, transcriptLines } from "../../shared/meeting/transcript-lines.js";
import { writeNotes } from "../../shared/meeting/write-notes.js";
import { writeNotesTranslation } from "../../shared/meeting/write-notes-translation.js";
import type { WorkerDeps } from "../worker-deps.js";

/**
 * A finished transcript's meeting notes, revision 1, before the job completes. The LLM Gateway
 * takes no idempotency key and keeps no list of past answers, so an attempt that finds notes an
 * earlier one announced and did not store does not ask again (that call may have been billed);
 * `jobs.regenerateNotes` makes them then. Notes that fail leave the transcript complete without.
 * With translateTo, the notes are translated too (notes.<lang>.*), on the same terms.
 */
export async function notesAfterTranscript(
  deps: WorkerDeps,
  job: JobDocument,
  params: { notes?: boolean | undefined; translateTo?: string | undefined },
  transcript: TranscriptSource,
): Promise<void> {
  if (!notesWanted(params)) return;
  if (job.notes) {
    if (!job.notes.md)
      deps.logger.warn({ jobId: job.jobId }, "an earlier attempt asked for the notes and did not store them; not asked again");
  } else {
    const lines = transcriptLines(transcript);
    if (lines.length === 0) return;
    try {
      await writeNotes(deps, job, lines, 1);
    } catch (err) {
      deps.logger.warn({ err, jobId: job.jobId }, "meeting notes could not be made; the transcript completes without them");
      return;
    }
  }
  if (params.translateTo) await notesInLanguage(deps, job.jobId, params.translateTo);
}

/** The job's notes translated into `language`, when it has notes; a failure leaves the job as it is, with a warning. */
export async function notesInLanguage(deps: WorkerDeps, jobId: string, language: string, chargedTo?: string): Promise<void> {
  try {
    const written = await writeNotesTranslation(deps, jobId, language, chargedTo);
    if (written === "taken") deps.logger.info({ jobId, language }, "the notes' translation was asked for already; not asked again");
  } catch (err) {
    deps.logger.warn({ err, jobId, language }, "the notes could not be translated; the job keeps them untranslated");
  }
}
