import { setTimeout as sleep } from "node:timers/promises";
import type { ProviderWebhook } from "../../shared/db/mongo/provider-webhooks.js";
import { AssemblyAiApiError } from "../providers/assemblyai.js";
import { providerCall } from "../providers/timed-calls.js";
import { assertPublicUrl, BlockedUrlError } from "../../shared/net/ssrf.js";
import { transcriptionCost } from "../../shared/pricing.js";
import { searchTerms } from "../../shared/search.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { presignDownload } from "../../shared/storage/presign.js";
import { ASSEMBLYAI_WEBHOOK_HEADER, webhookToken } from "../../shared/webhook-token.js";
import { transcriptionParams } from "../../shared/jobs/input.js";
import { resolveTranscription } from "../../shared/jobs/transcription-rules.js";
import { billedAddOns, REDACTED_AUDIO_FORMAT, transcriptionOptions } from "../providers/assemblyai-options.js";
import { fetchRedactedAudio } from "./redacted-audio.js";
import type { WorkerDeps } from "../worker-deps.js";
import { beginJob } from "./begin-job.js";
import { assertStillWanted, JobCanceled, PermanentJobError } from "./outcome.js";
import { recordUsage } from "./record-usage.js";
import { storeFile } from "./store-file.js";
import { storeTranslation } from "./translated-transcript.js";
import { providerWebhookUrl, resumeSubmission, sha256, type Submission, submitAnnounced } from "./submit-once.js";
import { setJobProgress, setJobStatus } from "./job-status.js";
import { transcriptExcerpt } from "../../shared/jobs/transcript-excerpt.js";
import { indexTranscript } from "../../shared/meeting-search/index-transcript.js";
import { notesAfterTranscript } from "./meeting-notes.js";

/**
 * Submits the audio to AssemblyAI (a presigned URL for our own uploads, the user's URL after the
 * SSRF check otherwise), waits with backoff, and stores transcript.json, .txt, .srt and .vtt.
 */
export async function runTranscription(deps: WorkerDeps, jobId: string, signal?: AbortSignal): Promise<void> {
  const begun = await beginJob(deps, jobId, transcriptionParams, "transcription request");
  if (!begun) return;
  const { job, input } = begun;
  const aai = deps.assemblyai;
  const options = resolveTranscription(input);

  let transcriptId = await resumeSubmission(deps, jobId, "assemblyai", job.provider, (submission) =>
    findTranscript(deps, jobId, submission),
  );
  if (!transcriptId) {
    let audioUrl: string;
    if (input.uploadKey) {
      audioUrl = (await presignDownload(deps.storage, input.uploadKey, { expiresIn: 6 * 3600 })).url;
    } else if (input.audioUrl) {
      try {
        audioUrl = (await assertPublicUrl(input.audioUrl)).toString();
      } catch (err) {
        if (err instanceof BlockedUrlError) throw new PermanentJobError(`audioUrl refused: ${err.message}`, "BLOCKED_URL");
        throw err;
      }
    } else {
      throw new PermanentJobError("the job names no audio", "BAD_INPUT");
    }
    transcriptId = await submitAnnounced(deps, jobId, {
      provider: "assemblyai",
      audioUrl,
      // An error answer of 4xx means AssemblyAI took nothing; after a 5xx or a lost answer it may
      // have, so the retry looks for the transcript first.
      rejected: (err) => err instanceof AssemblyAiApiError && err.status >= 400 && err.status < 500,
      submit: async (nonce) => {
        const webhookUrl = providerWebhookUrl(deps, "assemblyai", jobId, nonce);
        const transcript = await providerCall("assemblyai", "submit", () =>
          aai.transcripts.submit({
            audio_url: audioUrl,
            ...(webhookUrl
              ? {
                  webhook_url: webhookUrl,
                  webhook_auth_header_name: ASSEMBLYAI_WEBHOOK_HEADER,
                  webhook_auth_header_value: webhookToken(deps.config.links.signingSecret, jobId),
                }
              : {}),
            // Sent explicitly: the documented default is a list that has changed before, and one
            // version of the docs says a request without it is refused.
            speech_models: deps.config.providers.assemblyAiSpeechModels,
            ...transcriptionOptions(options, input.languageDetection),
          }),
        );
        return transcript.id;
      },
    });
  }

  // As with fal: poll with backoff, or with webhooks look at the job each second and ask the
  // provider only every 30 s; a verified webhook ends the wait.
  const maxDelay = deps.config.publicUrl ? 30_000 : 5_000;
  let delay = 250;
  const id = transcriptId;
  const poll = () => providerCall("assemblyai", "get", () => aai.transcripts.get(id), 30_000);
  let transcript = await poll();
  let nextPoll = Date.now() + delay;
  let webhookSeen = false;
  while (transcript.status !== "completed") {
    // AssemblyAI took the request and could not transcribe it (the audio could not be downloaded
    // or holds no speech): the same audio fails the same way, and it is not billed.
    if (transcript.status === "error")
      throw new PermanentJobError(`AssemblyAI could not transcribe the audio: ${transcript.error ?? "no reason given"}`, "PROVIDER_FAILED");
    await assertStillWanted(deps, jobId, signal);
    const hook: ProviderWebhook | null = webhookSeen ? null : await deps.webhooks.forRequest("assemblyai", id);
    if (hook) await deps.jobs.markWebhook(jobId, hook);
    const webhookNow: boolean = hook !== null;
    if (webhookNow || Date.now() >= nextPoll) {
      webhookSeen ||= webhookNow;
      transcript = await poll();
      await setJobProgress(deps, job, transcript.status === "queued" ? 5 : 50);
      delay = Math.min(maxDelay, Math.round(delay * 1.5));
      nextPoll = Date.now() + delay;
      continue;
    }
    await sleep(Math.min(1_000, Math.max(50, nextPoll - Date.now())), undefined, signal ? { signal } : {}).catch(() => {});
  }

  const keys = transcriptKeys(job.userId, jobId);
  const text = transcript.text ?? "";
  const subtitles = (format: "srt" | "vtt") => providerCall("assemblyai", "subtitles", () => aai.transcripts.subtitles(id, format), 30_000);
  const [srt, vtt] = await Promise.all([subtitles("srt"), subtitles("vtt")]);
  const files: Array<[string, Buffer, string]> = [
    [keys.json, Buffer.from(JSON.stringify(transcript, null, 2)), "application/json"],
    [keys.text, Buffer.from(text), "text/plain; charset=utf-8"],
    [keys.srt, Buffer.from(srt), "application/x-subrip"],
    [keys.vtt, Buffer.from(vtt), "text/vtt"],
  ];
  // With redaction, AssemblyAI's text, words, utterances and captions are redacted already; the
  // audio kept beside them is its beeped copy, never the original.
  const redactedAudioKey = options.redactPii ? keys.redactedAudio(REDACTED_AUDIO_FORMAT) : undefined;
  if (redactedAudioKey) files.push([redactedAudioKey, await fetchRedactedAudio(deps, id, signal), "audio/mpeg"]);
  for (const [key, body, type] of files) {
    await assertStillWanted(deps, jobId, signal);
    await storeFile(deps, key, body, type);
  }
  const translation = options.translateTo ? await translatedFiles(deps, job, transcript, options.translateTo) : undefined;
  const duration = transcript.audio_duration ?? 0;
  // A translation AssemblyAI did not return is not billed; jobs.translate can ask for it again.
  const addOns = billedAddOns(options).filter((a) => a !== "translation" || translation);
  const wordCount = transcript.words?.length ?? (text ? text.split(/\s+/).length : 0);
  await deps.jobs.pushVersion(jobId, {
    version: 1,
    transcriptUrl: keys.json,
    textUrl: keys.text,
    wordCount,
    duration,
    ...(transcript.speech_model_used ? { speechModel: transcript.speech_model_used } : {}),
    withSpeakerLabels: options.speakerLabels,
    ...(addOns.length > 0 ? { addOns } : {}),
    ...(options.redactPii ? { redactedPii: true } : {}),
    sizeBytes: files.reduce((n, [, b]) => n + b.length, 0) + (translation?.bytes ?? 0),
    s3Keys: {
      json: keys.json,
      text: keys.text,
      srt: keys.srt,
      vtt: keys.vtt,
      ...(redactedAudioKey ? { redactedAudio: redactedAudioKey } : {}),
      ...(translation && options.translateTo ? { translations: { [options.translateTo]: translation.files } } : {}),
    },
    ...(text.trim() ? { excerpt: transcriptExcerpt(text) } : {}),
    createdAt: new Date(),
  });
  await deps.jobs.addSearchTerms(jobId, [...searchTerms(text), "transcript", "txt", "json", "srt", "vtt"]);
  // Before the job completes, so a finished meeting is always searchable; a retry writes the same passages.
  await indexTranscript(deps.jobs, job, transcript);
  const bill = { speechModel: transcript.speech_model_used, speakerLabels: options.speakerLabels, addOns };
  await recordUsage(deps, job, transcriptionCost(duration, bill), { audioSeconds: duration });
  await notesAfterTranscript(deps, job, { ...input, translateTo: options.translateTo }, transcript);
  const done = await setJobStatus(deps, jobId, "completed", { progress: 100 });
  if (!done) throw new JobCanceled("canceled while storing");
}

/** The translation asked for at create, stored beside the transcript; a transcript without it is kept, with a warning. */
async function translatedFiles(deps: WorkerDeps, job: { jobId: string; userId: string }, transcript: unknown, language: string) {
  const stored = await storeTranslation(deps, job, transcript, language);
  if (!stored) deps.logger.warn({ jobId: job.jobId, language }, "AssemblyAI's transcript holds no translation into the language asked for");
  return stored;
}

/**
 * AssemblyAI's transcript list writes `created` in UTC without a zone (`2023-11-02T21:49:25.586965`),
 * and the SDK turns it into a Date with `new Date(created)`, which reads a zone-less time as local:
 * in any zone but UTC it is off by the zone's offset, which is undone here. A string (the raw
 * JSON) is read as UTC unless it names a zone.
 */
export function utcTime(created: string | Date): number {
  if (created instanceof Date) return created.getTime() - created.getTimezoneOffset() * 60_000;
  return new Date(/(Z|[+-]\d{2}:?\d{2})$/.test(created) ? created : `${created}Z`).getTime();
}

/** How far before the announcement a transcript may be stamped (clocks differ) and still be ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Whether a transcript's webhook_url is the one this job's submission sent. */
function isOurWebhook(webhookUrl: string | null | undefined, jobId: string, nonce: string): boolean {
  if (!webhookUrl) return false;
  try {
    const params = new URL(webhookUrl).searchParams;
    return params.get("jobId") === jobId && params.get("submission") === nonce;
  } catch {
    return false;
  }
}

type Listed = Awaited<ReturnType<WorkerDeps["assemblyai"]["transcripts"]["list"]>>["transcripts"][number];

/** The transcript list, newest first, paged back with before_id until a page reaches back past `since`. */
async function* listedSince(deps: WorkerDeps, since: number): AsyncGenerator<Listed> {
  let beforeId: string | undefined;
  for (let page = 0; page < 50; page++) {
    const list = await providerCall(
      "assemblyai",
      "list",
      () => deps.assemblyai.transcripts.list({ limit: 100, ...(beforeId ? { before_id: beforeId } : {}) }),
      30_000,
    );
    for (const t of list.transcripts) {
      if (utcTime(t.created) >= since) yield t;
    }
    const oldest = list.transcripts.at(-1);
    if (!oldest || utcTime(oldest.created) < since || !list.page_details.prev_url) return;
    beforeId = oldest.id;
  }
}

/**
 * AssemblyAI's way of finding an earlier submission, which takes no id of ours: its transcript
 * list, newest first, from the announcement on. Ours is one no other job of ours claims and
 * - whose audio_url hashes to the announced hash, or, since the docs do not promise the URL
 *   comes back exactly as sent,
 * - whose webhook_url carries this job and the submission's nonce. The list does not show
 *   webhook_url, so that takes one GET per remaining transcript of the window, and is tried only
 *   when no URL matched and webhooks were sent.
 */
async function findTranscript(deps: WorkerDeps, jobId: string, submission: Submission): Promise<string | undefined> {
  // A transcript that already finished told our webhook which submission it was: no listing needed.
  const hook = await deps.webhooks.forSubmission("assemblyai", jobId, submission.nonce);
  if (hook && !(await deps.jobs.holderOfRequest("assemblyai", hook.requestId, jobId))) return hook.requestId;
  const byWebhook = Boolean(deps.config.publicUrl);
  if (!submission.audioUrlSha256 && !byWebhook) return undefined;
  const unmatched: string[] = [];
  for await (const t of listedSince(deps, submission.at.getTime() - CLOCK_SKEW_MS)) {
    if (sha256(t.audio_url) === submission.audioUrlSha256) {
      if (!(await deps.jobs.holderOfRequest("assemblyai", t.id, jobId))) return t.id;
    } else if (byWebhook) {
      unmatched.push(t.id);
    }
  }
  for (const id of unmatched) {
    if (await deps.jobs.holderOfRequest("assemblyai", id, jobId)) continue;
    const t = await transcriptIfKnown(deps, id);
    if (isOurWebhook(t?.webhook_url, jobId, submission.nonce)) return id;
  }
  return undefined;
}

/** A listed transcript, or undefined when it is gone by now (deleted between the list and the GET). */
async function transcriptIfKnown(deps: WorkerDeps, id: string) {
  try {
    return await providerCall("assemblyai", "get", () => deps.assemblyai.transcripts.get(id), 30_000);
  } catch (err) {
    if (err instanceof AssemblyAiApiError && (err.status === 400 || err.status === 404)) return undefined;
    throw err;
  }
}
