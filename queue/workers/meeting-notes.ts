import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { notesWanted } from "../../shared/meeting/notes-wanted.js";
import { type TranscriptSource, transcriptLines } from "../../shared/meeting/transcript-lines.js";
import { writeNotes } from "../../shared/meeting/write-notes.js";
import type { WorkerDeps } from "../worker-deps.js";

/**
 * A finished transcript's meeting notes, revision 1, before the job completes. The LLM Gateway
 * takes no idempotency key and keeps no list of past answers, so an attempt that finds notes an
 * earlier one announced and did not store does not ask again (that call may have been billed);
 * `jobs.regenerateNotes` makes them then. Notes that fail leave the transcript complete without.
 */
export async function notesAfterTranscript(
  deps: WorkerDeps,
  job: JobDocument,
  params: { notes?: boolean | undefined },
  transcript: TranscriptSource,
): Promise<void> {
  if (!notesWanted(params)) return;
  if (job.notes) {
    if (!job.notes.md)
      deps.logger.warn({ jobId: job.jobId }, "an earlier attempt asked for the notes and did not store them; not asked again");
    return;
  }
  const lines = transcriptLines(transcript);
  if (lines.length === 0) return;
  try {
    await writeNotes(deps, job, lines, 1);
  } catch (err) {
    deps.logger.warn({ err, jobId: job.jobId }, "meeting notes could not be made; the transcript completes without them");
  }
}
