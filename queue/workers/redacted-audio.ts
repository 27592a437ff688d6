import { setTimeout as sleep } from "node:timers/promises";
import { AssemblyAiApiError } from "../providers/assemblyai.js";
import { providerCall } from "../providers/timed-calls.js";
import type { WorkerDeps } from "../worker-deps.js";
import { PermanentJobError } from "./outcome.js";

/** How long the redacted copy may take after the transcript is done, and the most it may weigh. */
const READY_WITHIN_MS = 5 * 60_000;
const MAX_BYTES = 2 * 1024 ** 3;

/**
 * The recording with its PII beeped out, as AssemblyAI makes it after the transcript
 * (GET /v2/transcript/{id}/redacted-audio, "PII Redaction: create redacted audio files"): asked
 * again with backoff until its status is redacted_audio_ready, then downloaded from the URL it
 * names (AssemblyAI's own storage, presigned). The original is never fetched here.
 */
export async function fetchRedactedAudio(deps: WorkerDeps, transcriptId: string, signal?: AbortSignal): Promise<Buffer> {
  const until = Date.now() + READY_WITHIN_MS;
  let delay = 250;
  for (;;) {
    const answer = await providerCall(
      "assemblyai",
      "redacted-audio",
      () => deps.assemblyai.transcripts.redactedAudio(transcriptId),
      30_000,
    ).catch((err: unknown) => {
      // A 400 while the copy is being made ("not ready"); anything else is the call's own failure.
      if (err instanceof AssemblyAiApiError && err.status === 400 && Date.now() < until) return undefined;
      throw err;
    });
    if (answer?.status === "redacted_audio_ready" && answer.redacted_audio_url) {
      const res = await fetch(answer.redacted_audio_url, {
        signal: AbortSignal.any([AbortSignal.timeout(120_000), ...(signal ? [signal] : [])]),
      });
      if (!res.ok) throw new Error(`the redacted audio could not be downloaded: HTTP ${res.status}`);
      const length = Number(res.headers.get("content-length") ?? 0);
      if (length > MAX_BYTES) throw new PermanentJobError("the redacted audio is larger than 2 GiB", "PROVIDER_FAILED");
      return Buffer.from(await res.arrayBuffer());
    }
    if (Date.now() >= until) throw new Error("AssemblyAI's redacted audio was not ready in 5 minutes");
    await sleep(delay, undefined, signal ? { signal } : {});
    delay = Math.min(5_000, Math.round(delay * 1.5));
  }
}
