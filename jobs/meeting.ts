import { randomUUID } from "node:crypto";
import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import type { AskJobInput } from "../shared/jobs/transcript-inputs.js";
import { ASK_PROMPT, askMeeting } from "../shared/meeting/ask.js";
import { LlmGatewayError } from "../shared/meeting/gateway.js";
import { recordGatewayUsage } from "../shared/meeting/ledger.js";
import { type Quote, type TranscriptLine, transcriptLines, type TranscriptSource } from "../shared/meeting/transcript-lines.js";
import { writeNotes } from "../shared/meeting/write-notes.js";
import { readObject } from "../shared/storage/objects.js";
import { transcriptKeys } from "../shared/storage/keys.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { ownsJob } from "./principal.js";
import { assertBudgetLeft } from "./quota.js";
import { loadVisibleJob } from "./read.js";

/** A finished transcription the caller may see, and its transcript's lines; anything else is refused before the gateway is paid. */
async function finishedTranscript(call: JobsCall, jobId: string): Promise<{ job: JobDocument; lines: TranscriptLine[] }> {
  const job = await loadVisibleJob(call, jobId);
  if (job.type !== "transcription") throw new JobsError("BAD_REQUEST", `job ${jobId} is not a transcription`);
  if (job.status !== "completed") throw new JobsError("PRECONDITION_FAILED", `job ${jobId} is ${job.status}: its transcript is not ready`);
  await assertBudgetLeft(call);
  const version = job.versions.at(-1);
  const key =
    version && "transcriptUrl" in version ? (version.s3Keys?.json ?? version.transcriptUrl) : transcriptKeys(job.userId, jobId).json;
  const transcript = JSON.parse((await readObject(call.deps.storage, key)).toString("utf8")) as TranscriptSource;
  const lines = transcriptLines(transcript);
  if (lines.length === 0) throw new JobsError("PRECONDITION_FAILED", `job ${jobId} has an empty transcript`);
  return { job, lines };
}

/**
 * The gateway's failures as the API's, as provider failures map for jobs (queue/providers/failures.ts):
 * its rate limit is passed on (429); an outage, a 5xx or no answer in time is a 503 the caller may
 * retry; an answer of an unknown shape a 502. A 4xx other than 429 is our request's fault and stays ours (500).
 */
function gatewayFailure(err: unknown): never {
  if (err instanceof LlmGatewayError) {
    if (err.status === 429) throw new JobsError("TOO_MANY_REQUESTS", "the notes service is busy; try again shortly");
    if (err.status >= 500)
      throw new JobsError("SERVICE_UNAVAILABLE", `AssemblyAI's LLM Gateway is unavailable (HTTP ${err.status}); try again shortly`);
    if (err.status < 300) throw new JobsError("BAD_GATEWAY", "AssemblyAI's LLM Gateway answered something unreadable; try again");
  }
  if (
    err instanceof Error &&
    (err.name === "TimeoutError" || err.name === "AbortError" || (err instanceof TypeError && /fetch failed/.test(err.message)))
  )
    throw new JobsError("SERVICE_UNAVAILABLE", "AssemblyAI's LLM Gateway did not answer in time; try again shortly");
  throw err;
}

const channelOf = (job: JobDocument) => (job.delivery ? (job.delivery.parentChannelId ?? job.delivery.channelId) : undefined);

export interface AskAnswerView {
  jobId: string;
  question: string;
  answer: string;
  /** Lines of the transcript the answer rests on; quotes the model made up are left out. */
  quotes: Quote[];
  promptVersion: string;
}

/** `jobs.ask`: a question about a finished transcription, answered by the LLM Gateway from its transcript, charged to the caller. */
export async function askJob(call: JobsCall, input: AskJobInput): Promise<AskAnswerView> {
  const { job, lines } = await finishedTranscript(call, input.jobId);
  const asked = await askMeeting(call.deps.config.providers, lines, input.question).catch(gatewayFailure);
  await recordGatewayUsage(call.deps.sql, {
    key: `${job.jobId}/ask/${randomUUID()}`,
    workspaceId: call.principal.workspaceId,
    userId: call.principal.userId,
    costUsd: asked.costUsd,
    usage: asked.usage,
    channelId: channelOf(job),
  });
  if (!asked.ok) {
    call.deps.logger.warn({ jobId: job.jobId, reason: asked.reason, requestId: call.requestId }, "the LLM Gateway's answer was not usable");
    throw new JobsError("BAD_GATEWAY", `the answer could not be read (${asked.reason}); ask again`);
  }
  return { jobId: job.jobId, question: input.question, answer: asked.answer, quotes: asked.quotes, promptVersion: ASK_PROMPT.version };
}

/** `jobs.regenerateNotes`: the owner has the notes made again, as the next revision (notes.v<n>.md/json, listed as notes.md/json). */
export async function regenerateNotes(call: JobsCall, jobId: string): Promise<{ jobId: string; revision: number; actionItems: number }> {
  const { job, lines } = await finishedTranscript(call, jobId);
  if (!ownsJob(call.principal, job)) throw new JobsError("FORBIDDEN", "only the job's owner can have its notes made again");
  const revision = (job.notes?.revision ?? 0) + 1;
  const written = await writeNotes(call.deps, job, lines, revision).catch(gatewayFailure);
  if (written === "taken")
    throw new JobsError("CONFLICT", `the notes of job ${jobId} are being made already; try again when they are done`);
  if (!written.ok) throw new Error(`the notes could not be made (${written.reason}); try again`);
  return { jobId, revision, actionItems: written.notes.actionItems.length };
}
