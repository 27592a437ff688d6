import type { JobDocument } from "../db/mongo/job-schema.js";
import type { JobsRepository } from "../db/mongo/jobs-repository.js";
import type { Storage } from "../storage/client.js";
import { readObject } from "../storage/objects.js";
import type { NotesFile } from "../meeting/notes-schema.js";
import { notesPassages } from "./notes-passages.js";
import { recordingName, transcriptPassages } from "./passages.js";

type Indexed = Pick<JobDocument, "jobId" | "workspaceId" | "userId" | "visibility" | "createdAt" | "input" | "versions">;

/** The job's notes, made or regenerated, as its `notes` passages (under the file name notes.md), replacing the revision before. */
export async function indexNotes(
  jobs: JobsRepository,
  job: Pick<JobDocument, "jobId" | "workspaceId" | "userId" | "visibility" | "createdAt">,
  notes: NotesFile,
): Promise<number> {
  if (!job.workspaceId) return 0;
  const owner = {
    jobId: job.jobId,
    workspaceId: job.workspaceId,
    userId: job.userId,
    visibility: job.visibility ?? "workspace",
    createdAt: job.createdAt,
  };
  return jobs.passages.replace(owner, "notes.md", "notes", notesPassages(notes));
}

/**
 * Indexes a finished transcription's passages for the search across meetings, from the
 * transcript object AssemblyAI returned. A job outside any workspace is searched by no one and
 * not indexed. Returns how many passages it has.
 */
export async function indexTranscript(jobs: JobsRepository, job: Indexed, transcript: unknown): Promise<number> {
  if (!job.workspaceId) return 0;
  return jobs.passages.replace(
    {
      jobId: job.jobId,
      workspaceId: job.workspaceId,
      userId: job.userId,
      visibility: job.visibility ?? "workspace",
      createdAt: job.createdAt,
    },
    recordingName(job.input ?? {}),
    "transcript",
    transcriptPassages(transcript),
  );
}

/**
 * Indexes the finished transcriptions stored before the search existed (or whose indexing a crash
 * cut short): each completed, undeleted transcription without passages, from its latest
 * transcript.json. Running it again indexes nothing twice. Returns how many jobs it indexed.
 */
export async function backfillTranscripts(
  jobs: JobsRepository,
  storage: Storage,
  finished: AsyncIterable<Indexed>,
  warn: (jobId: string, err: unknown) => void,
): Promise<number> {
  let indexed = 0;
  for await (const job of finished) {
    if (!job.workspaceId || (await jobs.passages.has(job.jobId, "transcript"))) continue;
    const latest = job.versions.at(-1);
    const key = latest && "s3Keys" in latest ? latest.s3Keys?.json : undefined;
    if (!key) continue;
    try {
      const transcript = JSON.parse((await readObject(storage, key)).toString("utf8")) as unknown;
      if ((await indexTranscript(jobs, job, transcript)) > 0) indexed++;
    } catch (err) {
      warn(job.jobId, err);
    }
  }
  return indexed;
}
