import { notesAnswer } from "../../shared/meeting/notes-schema.js";
import type { Api } from "../api-client.js";

/** The signed file links are `<base>/d/<token>`: the gallery's pages live under the same base. */
const FILE_LINK = /\/d\/[^/]+$/;

const notesShape = notesAnswer.pick({ actionItems: true, chapters: true });

/**
 * A transcription's notes.json through the job's own signed link (the file a member downloads),
 * and the base address its links are under; undefined when the job has no notes.
 */
export async function notesOfJob(api: Api, jobId: string) {
  const job = await api.jobs.get.query({ jobId });
  const file = job.files.find((f) => f.fileName === "notes.json");
  if (!file) return undefined;
  const res = await fetch(file.url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`notes.json of job ${jobId} answered ${res.status}`);
  return { notes: notesShape.parse(await res.json()), base: file.url.replace(FILE_LINK, "") };
}
