import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { assemblyAiRoutes } from "./routes.js";
import type { AssemblyAiState } from "./state.js";
import { fileStore, memoryStore } from "./store.js";
import type { AssemblyAiFake } from "./handle.js";
import { scheduleWebhook } from "./webhooks.js";

export type { AssemblyAiFake, SubmissionFailure } from "./handle.js";

/**
 * A local stand-in for AssemblyAI's v2 API (upload, transcript submit/get/list, srt/vtt), its
 * Speech Understanding (understanding.ts) and its LLM Gateway's chat completions (llm-gateway.ts), used by
 * the real `assemblyai` SDK through its baseUrl option. It refuses requests the API refuses,
 * downloads the audio like the service does, reads the duration from a WAV header, answers a
 * transcript with word timings, calls the webhook with AssemblyAI's retries, and can be told to
 * fail in each documented way. Given a data directory it keeps everything there, so a restart
 * forgets nothing.
 *
 * Sources: AssemblyAI's OpenAPI spec (github.com/AssemblyAI/assemblyai-api-spec, openapi.yml:
 * TranscriptParams with `additionalProperties: false`, the Error schema and its example
 * `{"error": "format_text must be a Boolean"}`), the SDK's generated types (TranscriptParams,
 * TranscriptLanguageCode), and the docs pages "Troubleshoot common errors", "Webhooks for
 * pre-recorded audio", "Transcript status", "List transcripts".
 */

export async function startAssemblyAiFake(opts: { port?: number; processingMs?: number; dataDir?: string } = {}): Promise<AssemblyAiFake> {
  const store = opts.dataDir ? fileStore(opts.dataDir) : memoryStore();
  await store.init();
  const loaded = await store.loadTranscripts();
  let origin = "";
  const state: AssemblyAiState = {
    get origin() {
      return origin;
    },
    get fake() {
      return fake;
    },
    store,
    uploads: new Map(),
    transcripts: new Map(loaded.map((t) => [t.id, t])),
    seq: loaded.at(-1)?.seq ?? 0,
    submissionFailures: [],
    transcriptFailures: [],
    timers: new Set(),
    inFlight: new Set(),
    finishing: new Map(),
    closed: false,
  };
  const app = assemblyAiRoutes(state);

  const server: ServerType = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { submissionFailures, transcriptFailures } = state;
  const fake: AssemblyAiFake = {
    url: origin,
    submissions: [...loaded],
    submitAnswers: [],
    processingMs: opts.processingMs ?? 300,
    webhookRepeats: 1,
    webhookRetryMs: 1_000,
    webhookDeliveries: [],
    understandings: [],
    echoAudioUrl: undefined,
    speech: new Map(),
    beforeAnswer: undefined,
    gatewayKey: undefined,
    gatewayCalls: [],
    gatewayFailures: [],
    failSubmissions(n, status, more = {}) {
      submissionFailures.splice(0, submissionFailures.length, ...Array.from({ length: n }, () => ({ status, ...more })));
    },
    failTranscripts(n, error) {
      transcriptFailures.splice(0, transcriptFailures.length, ...Array.from({ length: n }, () => error));
    },
    async close() {
      state.closed = true;
      for (const timer of state.timers) clearTimeout(timer);
      state.timers.clear();
      await Promise.allSettled([...state.inFlight]);
      await store.flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  // Webhooks a previous run had not delivered yet go out now, or when their transcript is done.
  for (const t of loaded) {
    if (t.webhook && !t.webhook.settled) scheduleWebhook(state, t);
  }
  return fake;
}
