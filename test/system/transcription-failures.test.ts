import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import type { FakeTranscript } from "../../infra/fakes/assemblyai/transcript-record.js";
import type { RetryPolicy } from "../../queue/queues.js";
import { sha256 } from "../../queue/workers/submit-once.js";
import { trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { runNode, type Spawned, waitFor } from "../helpers/processes.js";
import { quickRetries } from "../helpers/quick-retries.js";
import { startWorkingApi, useWorkingApi, type WorkingApi } from "../helpers/working-api.js";
import { uploadWav } from "../helpers/speech-upload.js";

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

  /** Runs one transcription job; returns the settled job and what AssemblyAI saw meanwhile. */
  const run = async (input: Record<string, unknown> = {}) => {
    const uploadKey = await uploadWav(w, makeWav(2));
    const answers = w.aai.submitAnswers.length;
    const accepted = w.aai.submissions.length;
    const jobId = await w.create({ type: "transcription", uploadKey, ...input });
    const job = await w.settled(jobId);
    return { jobId, job, answers: w.aai.submitAnswers.slice(answers), taken: w.aai.submissions.slice(accepted) };
  };

  it("a language_code AssemblyAI does not take is refused at create: nothing is sent", async () => {
    const uploadKey = await uploadWav(w, makeWav(2));
    const answers = w.aai.submitAnswers.length;
    const refused = await trpcCall(
      w.api.app,
      w.alice.key,
      "jobs.create",
      { type: "transcription", uploadKey, languageCode: "xx", languageDetection: false },
      "mutation",
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error)).toMatch(/AssemblyAI's language codes/);
    expect(w.aai.submitAnswers.length).toBe(answers);
  });

  it("a request AssemblyAI refuses (400): one submission; the job fails at once, PROVIDER_REJECTED, naming the reason", async () => {
    // AssemblyAI's words for a refused language_code; the codes it takes are refused at create (above).
    w.aai.failSubmissions(1, 400, { error: "language_code must be one of en, en_au, en_uk, en_us." });
    const { job, answers, taken } = await run({ languageCode: "haw", languageDetection: false });
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
    expect(job.error).toMatchObject({
      code: "PROVIDER_AUTH",
      message: "AssemblyAI refused our credentials (401): Authentication error, API token missing/invalid.",
    });
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
    const reason =
      "Download error, unable to download https://example.com/a.wav. Please make sure the file exists and is accessible from the internet.";
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
      expect(logLines.some((l) => l.includes("resumed the request an interrupted attempt submitted") && l.includes(transcript.id))).toBe(
        true,
      );
    } finally {
      w.aai.echoAudioUrl = undefined;
    }
  });
});

/** The emulator in a process of its own, on `port`, keeping its state in `dataDir`; resolves once it listens. */
async function emulatorProcess(port: number, dataDir: string, processingMs: number): Promise<Spawned> {
  const code = `const { startAssemblyAiFake } = await import("./infra/fakes/assemblyai/emulator.ts");
    await startAssemblyAiFake({ port: ${port}, processingMs: ${processingMs}, dataDir: ${JSON.stringify(dataDir)} });
    process.stdout.write("listening\\n");`;
  const child = runNode(["--import", "tsx", "--input-type=module", "-e", code], {});
  await waitFor(
    () =>
      child.stdout().includes("listening") ? true : child.child.exitCode !== null ? Promise.reject(new Error(child.stderr())) : undefined,
    30_000,
    "the emulator process",
  );
  return child;
}

/**
 * Issue 17's power loss, for AssemblyAI: the emulator (as in `npm start`, keeping its state
 * under the data dir) is killed with SIGKILL while a transcript it took is still processing,
 * then started again on the same data. The job completes on that transcript, the webhook that
 * was not delivered yet is delivered by the restarted emulator, and nothing is submitted twice.
 */
describe("the AssemblyAI emulator killed mid-job and restarted on its data", () => {
  let dir: string;
  let port: number;
  let w: WorkingApi;
  let first: Spawned | undefined;
  let restarted: AssemblyAiFake | undefined;
  // Retries one second apart: the worker's polls fail while the emulator is down.
  const retry: RetryPolicy = quickRetries();
  retry.work.transcription = { ...retry.work.transcription, retryDelay: 1 };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "aai-kill-"));
    port = await freePort();
    w = await startWorkingApi({ retry, publicUrl: true, env: { ASSEMBLYAI_BASE_URL: `http://127.0.0.1:${port}` } });
  });
  afterAll(async () => {
    if (first?.child.exitCode === null) first.child.kill("SIGKILL");
    await w?.close();
    await restarted?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("SIGKILL after the transcript was taken: after the restart the job completes on it, its webhook is delivered, one submission", async () => {
    first = await emulatorProcess(port, dir, 2_000);
    const uploadKey = await uploadWav(w, makeWav(2));
    const jobId = await w.create({ type: "transcription", uploadKey });
    const transcriptId = await waitFor(
      async () => (await w.api.deps.jobs.get(jobId))?.provider?.requestId ?? undefined,
      30_000,
      "the transcript id on the job",
    );
    first.child.kill("SIGKILL");
    await first.exited;

    restarted = await startAssemblyAiFake({ port, processingMs: 2_000, dataDir: dir });
    expect(restarted.submissions.map((t) => t.id)).toEqual([transcriptId]);
    expect(restarted.submissions[0]?.webhook?.delivered).toBe(0);
    const job = await w.settled(jobId);
    expect(job.status).toBe("completed");
    expect(job.versions[0]).toMatchObject({ version: 1, duration: 2 });
    expect((await w.api.deps.jobs.get(jobId))?.provider?.requestId).toBe(transcriptId);
    expect(restarted.submitAnswers).toEqual([]);
    expect(await readdir(path.join(dir, "transcripts"))).toEqual([`${transcriptId}.json`]);
    await waitFor(
      () => (restarted?.webhookDeliveries.some((d) => d.transcriptId === transcriptId && d.status === 200) ? true : undefined),
      10_000,
      "the webhook after the restart",
    );
  });
});
