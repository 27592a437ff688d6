import { createHash, randomUUID } from "node:crypto";
import { applyOptions } from "./apply-options.js";
import { audioSeconds } from "./audio-duration.js";
import { type AssemblyAiState, save } from "./state.js";
import type { TranscriptRequest } from "./transcript-request.js";
import type { FakeTranscript } from "./transcript-record.js";
import { downloadError, type Outcome, transcribe } from "./transcription.js";

/** Where AssemblyAI's upload endpoint puts files (`https://cdn.assemblyai.com/upload/<uuid>`); the emulator serves these itself. */
export const UPLOAD_PREFIX = "https://cdn.assemblyai.com/upload/";

export function statusOf(state: AssemblyAiState, t: FakeTranscript, now = Date.now()): "queued" | "processing" | "completed" | "error" {
  if (t.outcome) return t.outcome.status;
  return now - t.submittedAt < state.fake.processingMs / 3 ? "queued" : "processing";
}

export async function download(state: AssemblyAiState, url: string): Promise<Buffer | undefined> {
  if (url.startsWith(UPLOAD_PREFIX)) {
    const id = url.slice(UPLOAD_PREFIX.length);
    return state.uploads.get(id) ?? (await state.store.readUpload(id));
  }
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
  return res?.ok ? Buffer.from(await res.arrayBuffer()) : undefined;
}

async function outcomeOf(state: AssemblyAiState, t: FakeTranscript): Promise<Outcome> {
  const bytes = await download(state, t.audioUrl);
  if (!bytes) return { status: "error", error: downloadError(t.audioUrl) };
  const seconds = await audioSeconds(bytes);
  if (seconds === undefined) return { status: "error", error: "Transcoding failed. File does not appear to contain audio." };
  const script = state.fake.speech.get(createHash("sha256").update(bytes).digest("hex"));
  const heard = transcribe(bytes, seconds, t.request.language_code ?? (t.request.language_detection ? "en" : "en_us"), script);
  if (heard.status !== "completed") return heard;
  const { words, mapping } = applyOptions(heard.words, t.request);
  return { ...heard, words, text: words.map((w) => w.text).join(" "), ...(mapping ? { speakerMapping: mapping } : {}) };
}

/** The transcript's result, computed once: the audio downloaded as the service would, or the injected failure. */
export function finish(state: AssemblyAiState, t: FakeTranscript): Promise<Outcome> {
  if (t.outcome) return Promise.resolve(t.outcome);
  let pending = state.finishing.get(t.id);
  if (!pending) {
    pending = (async () => {
      t.outcome = t.failWith ? { status: "error", error: t.failWith } : await outcomeOf(state, t);
      await save(state, t);
      return t.outcome;
    })().finally(() => state.finishing.delete(t.id));
    state.finishing.set(t.id, pending);
  }
  return pending;
}

/** Takes a checked request as a new transcript, stored before it is answered: what the API said it took, it has. */
export async function accept(state: AssemblyAiState, request: TranscriptRequest): Promise<FakeTranscript> {
  const { fake } = state;
  const sent = request.audio_url;
  const t: FakeTranscript = {
    id: randomUUID(),
    seq: ++state.seq,
    request,
    audioUrl: sent,
    echoedAudioUrl: fake.echoAudioUrl ? fake.echoAudioUrl(sent) : sent,
    speakerLabels: request.speaker_labels ?? false,
    ...(request.speech_models ? { speechModels: request.speech_models } : {}),
    submittedAt: Date.now(),
    ...(state.transcriptFailures.length > 0 ? { failWith: state.transcriptFailures.shift() } : {}),
    ...(request.webhook_url
      ? {
          webhook: {
            url: request.webhook_url,
            ...(request.webhook_auth_header_name
              ? { header: request.webhook_auth_header_name, value: request.webhook_auth_header_value ?? "" }
              : {}),
            attempts: 0,
            delivered: 0,
            settled: false,
          },
        }
      : {}),
  };
  state.transcripts.set(t.id, t);
  fake.submissions.push(t);
  await save(state, t);
  return t;
}
