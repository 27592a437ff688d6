import { type AssemblyAiState, later, save } from "./state.js";
import type { FakeTranscript } from "./transcript-record.js";
import { finish } from "./transcripts.js";

/**
 * One webhook attempt, as "Webhooks for pre-recorded audio" describes: a POST of
 * `{transcript_id, status}` with the auth header; a 2xx within 10 s is received, a 4xx fails it
 * for good, anything else (or no answer) is tried again, up to 10 attempts in all.
 */
async function attemptWebhook(state: AssemblyAiState, t: FakeTranscript): Promise<void> {
  const { fake } = state;
  const hook = t.webhook;
  if (!hook || hook.settled || state.closed) return;
  const outcome = await finish(state, t);
  const res = await fetch(hook.url, {
    method: "POST",
    body: JSON.stringify({ transcript_id: t.id, status: outcome.status }),
    headers: { "content-type": "application/json", ...(hook.header ? { [hook.header]: hook.value ?? "" } : {}) },
    signal: AbortSignal.timeout(10_000),
  }).catch(() => undefined);
  const status = res?.status ?? 0;
  if (state.closed) return;
  fake.webhookDeliveries.push({ transcriptId: t.id, status });
  hook.attempts++;
  hook.statusCode = status || undefined;
  if (status >= 200 && status < 300) {
    hook.delivered++;
    hook.attempts = 0;
  }
  const failedForGood = (status >= 400 && status < 500) || hook.attempts >= 10;
  hook.settled = hook.delivered >= fake.webhookRepeats || failedForGood;
  await save(state, t);
  if (!hook.settled)
    later(state, hook.attempts === 0 ? 0 : Math.min(10_000, fake.webhookRetryMs * 2 ** (hook.attempts - 1)), () =>
      attemptWebhook(state, t),
    );
}

/** Calls the transcript's webhook once it is done, and again as AssemblyAI's retries do. */
export const scheduleWebhook = (state: AssemblyAiState, t: FakeTranscript) =>
  later(state, t.submittedAt + state.fake.processingMs + 20 - Date.now(), () => attemptWebhook(state, t));
