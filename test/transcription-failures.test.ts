import { describe, expect, it } from "vitest";
import type { FakeTranscript } from "../infra/fakes/assemblyai.js";
import { sha256 } from "../queue/workers/submit-once.js";
import { dataOf, trpcCall } from "./helpers/http.js";
import { makeWav } from "./helpers/media.js";
import { quickRetries } from "./helpers/quick-retries.js";
import { useWorkingApi } from "./helpers/working-api.js";

/**
 * Each way AssemblyAI fails, end to end: a transcription job through the API, pg-boss and a real
 * worker on the `assemblyai` SDK, against the strict emulator. Every case ends the job the
 * documented way with at most one transcript AssemblyAI took (and so at most one charge):
 * - a request AssemblyAI refuses (4xx) fails the job at once, with AssemblyAI's reason;
 * - 5xx and 429 are retried, and the retry submits once more (nothing was taken);
 * - a transcript that ends with `status: "error"` fails the job with AssemblyAI's error text;
 * - a 5xx answered after AssemblyAI took the transcript is found again by the retry, through
 *   the submission nonce in its webhook_url when the echoed audio_url no longer matches.
 */
describe("AssemblyAI failures end transcription jobs the documented way, with one submission", () => {
  const logLines: string[] = [];
  // Production's retries without the waits; webhooks on, as in production.
  const w = useWorkingApi({ retry: quickRetries(), publicUrl: true, processingMs: 200, logLines });

  const uploadWav = async (seconds = 2) => {
    const wav = makeWav(seconds);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(w.api.app, w.alice.key, "assets.uploadUrl", { fileName: "meeting.wav", contentType: "audio/wav", sizeBytes: wav.length }, "mutation"),
    );
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    return up.uploadKey;
  };

  /** Runs one transcription job; returns the settled job and what AssemblyAI saw meanwhile. */
  const run = async (input: Record<string, unknown> = {}) => {
    const uploadKey = await uploadWav();
    const answers = w.aai.submitAnswers.length;
    const accepted = w.aai.submissions.length;
    const jobId = await w.create({ type: "transcription", uploadKey, ...input });
    const job = await w.settled(jobId);
    return { jobId, job, answers: w.aai.submitAnswers.slice(answers), taken: w.aai.submissions.slice(accepted) };
  };

  it("an unsupported language_code: one submission, refused with 400; the job fails at once, PROVIDER_REJECTED, naming the reason", async () => {
    const { job, answers, taken } = await run({ languageCode: "xx" });
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "PROVIDER_REJECTED" });
    expect(job.error?.message).toMatch(/^AssemblyAI refused the request \(400\): language_code must be one of en, en_au, /);
    // Not retried: a retry would have posted again.
    expect(answers).toEqual([400]);
    expect(taken).toHaveLength(0);
  });

  it("a refused key (401): the job fails at once, PROVIDER_AUTH", async () => {
    w.aai.failSubmissions(1, 401);
    const { job, answers, taken } = await run();
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "PROVIDER_AUTH", message: "AssemblyAI refused our credentials (401): Authentication error, API token missing/invalid." });
    expect(answers).toEqual([401]);
    expect(taken).toHaveLength(0);
  });

  it("a 500 on submit: retried, then completed with one accepted submission", async () => {
    w.aai.failSubmissions(1, 500);
    const { job, answers, taken } = await run();
    expect(job.status).toBe("completed");
    expect(answers).toEqual([500, 200]);
    expect(taken).toHaveLength(1);
    expect(job.versions[0]).toMatchObject({ version: 1, duration: 2 });
  });

  it("a 429 with Retry-After: retried, then completed with one accepted submission", async () => {
    w.aai.failSubmissions(1, 429, { retryAfterSeconds: 1 });
    const { job, answers, taken } = await run();
    expect(job.status).toBe("completed");
    expect(answers).toEqual([429, 200]);
    expect(taken).toHaveLength(1);
  });

  it("a transcript that ends with status error: one submission, the job fails with AssemblyAI's error text", async () => {
    const reason = "Download error, unable to download https://example.com/a.wav. Please make sure the file exists and is accessible from the internet.";
    w.aai.failTranscripts(1, reason);
    const { job, answers, taken } = await run();
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "PROVIDER_FAILED", message: `AssemblyAI could not transcribe the audio: ${reason}` });
    expect(answers).toEqual([200]);
    expect(taken).toHaveLength(1);
  });

  it("a 500 after AssemblyAI took the transcript, whose audio_url comes back rewritten: the retry finds it by the nonce in its webhook_url and submits nothing more", async () => {
    // A normalised echo (query parameters sorted), so the announced hash of the URL sent cannot match.
    w.aai.echoAudioUrl = (sent) => {
      const url = new URL(sent);
      url.searchParams.sort();
      return url.toString().replace("X-Amz", "x-amz");
    };
    w.aai.failSubmissions(1, 500, { afterAccept: true });
    try {
      const { jobId, job, answers, taken } = await run();
      expect(job.status).toBe("completed");
      expect(answers).toEqual([500]);
      expect(taken).toHaveLength(1);
      const transcript = taken[0] as FakeTranscript;
      const stored = await w.api.deps.jobs.get(jobId);
      expect(stored?.provider?.requestId).toBe(transcript.id);
      // Only the webhook_url could have matched: the echoed URL is not the one announced.
      expect(sha256(transcript.echoedAudioUrl)).not.toBe(stored?.provider?.submission?.audioUrlSha256);
      expect(sha256(transcript.audioUrl)).toBe(stored?.provider?.submission?.audioUrlSha256);
      const hook = new URL(transcript.request.webhook_url ?? "");
      expect(hook.searchParams.get("jobId")).toBe(jobId);
      expect(hook.searchParams.get("submission")).toBe(stored?.provider?.submission?.nonce);
      expect(logLines.some((l) => l.includes("resumed the request an interrupted attempt submitted") && l.includes(transcript.id))).toBe(true);
    } finally {
      w.aai.echoAudioUrl = undefined;
    }
  });
});
