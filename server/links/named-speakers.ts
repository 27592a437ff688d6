import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { type JobFile, findJobFile } from "../../shared/jobs/files.js";
import { renamedFiles, renderWithNames } from "../../shared/jobs/speaker-names.js";
import type { Storage } from "../../shared/storage/client.js";
import { readObject } from "../../shared/storage/objects.js";

/** Whether a file of the job reads differently once its speakers are named. */
export const readsWithNames = (job: JobDocument, fileName: string) =>
  job.type === "transcription" && (job.speakerNames?.length ?? 0) > 0 && renamedFiles.has(fileName);

/**
 * A transcript file of a job whose speakers the team named, rendered with the names from the
 * version's stored transcript.json; undefined when the file does not change with them.
 */
export async function fileWithNames(storage: Storage, job: JobDocument, file: JobFile): Promise<string | undefined> {
  if (!readsWithNames(job, file.fileName)) return undefined;
  const json = file.fileName === "transcript.json" ? file : findJobFile(job, "transcript.json", file.version);
  if (!json) return undefined;
  return renderWithNames(file.fileName, JSON.parse((await readObject(storage, json.key)).toString("utf8")), job.speakerNames ?? []);
}
