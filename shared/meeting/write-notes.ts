import type { Config } from "../config.js";
import type { JobDocument } from "../db/mongo/job-schema.js";
import type { JobsRepository } from "../db/mongo/jobs-repository.js";
import type { Sql } from "../db/sql/client.js";
import type { Logger } from "../logger.js";
import { PRICES } from "../pricing.js";
import type { Storage } from "../storage/client.js";
import { transcriptKeys } from "../storage/keys.js";
import { uploadStream } from "../storage/upload.js";
import { indexNotes } from "../meeting-search/index-transcript.js";
import { recordGatewayUsage } from "./ledger.js";
import { makeNotes, NOTES_PROMPT } from "./notes.js";
import type { NotesFile } from "./notes-schema.js";
import type { TranscriptLine } from "./transcript-lines.js";

export interface NotesDeps {
  config: Config;
  logger: Logger;
  jobs: JobsRepository;
  storage: Storage;
  sql: Sql;
}

export type WrittenNotes = { ok: true; revision: number; notes: NotesFile } | { ok: false; reason: string };

type NotesJob = Pick<JobDocument, "jobId" | "userId" | "workspaceId" | "delivery" | "visibility" | "createdAt">;

/**
 * Makes and stores one revision of a job's notes. The revision is announced on the job before
 * the gateway is asked (a second caller for the same revision gets `taken`), the call is charged
 * in the ledger under the revision's key, and the files go under the job's transcript folder
 * before the job points at them.
 */
export async function writeNotes(
  deps: NotesDeps,
  job: NotesJob,
  lines: TranscriptLine[],
  revision: number,
): Promise<WrittenNotes | "taken"> {
  const announced = await deps.jobs.transcripts.announceNotes(job.jobId, {
    revision,
    promptVersion: NOTES_PROMPT.version,
    model: PRICES.llmGateway.model,
  });
  if (!announced) return "taken";
  const made = await makeNotes(deps.config.providers, lines, revision);
  await recordGatewayUsage(deps.sql, {
    key: `${job.jobId}/notes.v${revision}`,
    workspaceId: job.workspaceId,
    userId: job.userId,
    costUsd: made.costUsd,
    usage: made.usage,
    channelId: job.delivery ? (job.delivery.parentChannelId ?? job.delivery.channelId) : undefined,
  });
  if (!made.ok) {
    deps.logger.warn({ jobId: job.jobId, revision, reason: made.reason }, "the LLM Gateway's notes were not usable; none stored");
    return { ok: false, reason: made.reason };
  }
  const keys = transcriptKeys(job.userId, job.jobId);
  const files = { md: keys.notes(revision, "md"), json: keys.notes(revision, "json") };
  await uploadStream(deps.storage, {
    key: files.json,
    body: Buffer.from(JSON.stringify(made.file, null, 2)),
    contentType: "application/json",
  });
  await uploadStream(deps.storage, { key: files.md, body: Buffer.from(made.markdown), contentType: "text/markdown; charset=utf-8" });
  await deps.jobs.transcripts.storeNotes(job.jobId, revision, files, made.costUsd);
  // Searchable with the transcript: a search finds what the notes say too.
  await indexNotes(deps.jobs, job, made.file);
  deps.logger.info(
    {
      jobId: job.jobId,
      revision,
      actionItems: made.file.actionItems.length,
      droppedQuotes: made.file.droppedQuotes,
      costUsd: made.costUsd,
    },
    "meeting notes stored",
  );
  return { ok: true, revision, notes: made.file };
}
