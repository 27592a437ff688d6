import type { SubmissionFailure } from "./handle.js";
import type { AssemblyAiState } from "./state.js";
import type { FakeTranscript } from "./transcript-record.js";
import { statusOf } from "./transcripts.js";
import { translatedTexts } from "./translation.js";

/** The transcript list's timestamps as AssemblyAI writes them: UTC, microseconds, and no zone (`2023-11-02T21:49:25.586965`). */
export function listTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000`;
}

/** The documented body of each error status a test can ask for; 503 and 504 answer without one (the spec gives them no content). */
const documentedErrors: Record<number, string> = {
  400: "Your current account balance is negative. Please top up to continue using the API.",
  401: "Authentication error, API token missing/invalid.",
  404: "Not found",
  429: "Too Many Requests",
  500: "Server error, developers have been alerted.",
};

/** An injected error answer, shaped as AssemblyAI answers that status. */
export function failureAnswer(failure: SubmissionFailure): Response {
  const headers: Record<string, string> =
    failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
  const error = failure.error ?? documentedErrors[failure.status];
  if (error === undefined) return new Response(null, { status: failure.status, headers });
  return Response.json({ error }, { status: failure.status, headers });
}

/** The transcript resource as GET /v2/transcript/{id} answers it (the fields the SDK's Transcript names that matter here). */
export function transcriptJson(state: AssemblyAiState, t: FakeTranscript) {
  const r = t.request;
  const status = statusOf(state, t);
  const done = t.outcome?.status === "completed" ? t.outcome : undefined;
  const translations = done ? translationsOf(t) : [];
  // As AssemblyAI sends them: each speaker's turn with its time span, confidence and words.
  const utterances = done && t.speakerLabels ? withTranslations(turns(done.words), translations) : null;
  const identification = r.speech_understanding?.request?.speaker_identification;
  const translation = r.speech_understanding?.request?.translation;
  const responses = {
    ...(done && identification ? { speaker_identification: { status: "success", mapping: done.speakerMapping ?? {} } } : {}),
    ...(done && translation ? { translation: { status: "success" } } : {}),
  };
  return {
    id: t.id,
    status,
    audio_url: t.echoedAudioUrl,
    language_code: done?.languageCode ?? r.language_code ?? (r.language_detection ? undefined : "en_us"),
    language_detection: r.language_detection ?? false,
    language_confidence: done && r.language_detection ? 0.98 : null,
    speech_model: r.speech_model ?? null,
    speech_models: r.speech_models ?? null,
    speech_model_used: done ? (r.speech_models?.[0] ?? "universal") : null,
    speaker_labels: r.speaker_labels ?? false,
    speakers_expected: r.speakers_expected ?? null,
    keyterms_prompt: r.keyterms_prompt ?? [],
    redact_pii: r.redact_pii ?? false,
    redact_pii_audio: r.redact_pii_audio ?? false,
    redact_pii_audio_quality: r.redact_pii_audio ? (r.redact_pii_audio_quality ?? "mp3") : null,
    redact_pii_policies: r.redact_pii_policies ?? null,
    redact_pii_sub: r.redact_pii ? (r.redact_pii_sub ?? "hash") : null,
    ...(r.speech_understanding
      ? {
          speech_understanding: {
            ...r.speech_understanding,
            ...(Object.keys(responses).length > 0 ? { response: responses } : {}),
          },
        }
      : {}),
    punctuate: r.punctuate ?? true,
    format_text: r.format_text ?? true,
    webhook_url: r.webhook_url ?? null,
    webhook_auth: Boolean(r.webhook_auth_header_name),
    webhook_auth_header_name: r.webhook_auth_header_name ?? null,
    webhook_status_code: t.webhook?.statusCode ?? null,
    text: done?.text ?? null,
    words: done?.words ?? null,
    utterances,
    ...(translations.length > 0
      ? {
          translated_texts: translatedTexts(
            done?.text ?? "",
            translations.map((l) => l.language),
          ),
        }
      : {}),
    confidence: done ? 0.95 : null,
    audio_duration: done?.audioDuration ?? null,
    ...(t.outcome?.status === "error" ? { error: t.outcome.error } : {}),
  };
}

type Word = { text: string; start: number; end: number; confidence: number; speaker: string | null };

/** Consecutive words of one speaker as one utterance. */
function turns(words: Word[]) {
  const groups: Word[][] = [];
  for (const w of words) {
    const last = groups.at(-1);
    if (last && last[0]?.speaker === w.speaker) last.push(w);
    else groups.push([w]);
  }
  return groups.flatMap((group) => {
    const first = group[0];
    const last = group.at(-1);
    if (!first || !last) return [];
    const confidence = group.reduce((sum, w) => sum + w.confidence, 0) / group.length;
    return [
      { speaker: first.speaker, text: group.map((w) => w.text).join(" "), start: first.start, end: last.end, confidence, words: group },
    ];
  });
}

/** The transcript's translations: those its request asked for, then those added through /v1/understanding. */
function translationsOf(t: FakeTranscript): Array<{ language: string; perUtterance: boolean }> {
  const asked = t.request.speech_understanding?.request?.translation;
  const first = (asked?.target_languages ?? []).map((language) => ({ language, perUtterance: asked?.match_original_utterance === true }));
  return [...first, ...(t.addedTranslations ?? []).filter((a) => !first.some((f) => f.language === a.language))];
}

/** Each utterance with `translated_texts` for the languages asked with match_original_utterance. */
function withTranslations(utterances: ReturnType<typeof turns>, translations: Array<{ language: string; perUtterance: boolean }>) {
  const languages = translations.filter((l) => l.perUtterance).map((l) => l.language);
  if (languages.length === 0) return utterances;
  return utterances.map((u) => ({ ...u, translated_texts: translatedTexts(u.text, languages) }));
}

/** A caption timestamp, `hh:mm:ss` then the separator and milliseconds. */
const ts = (ms: number, sep: string) => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${sep}${String(ms % 1000).padStart(3, "0")}`;
};

/** A completed transcript's words as SRT or WebVTT captions, eight words to a cue. */
export function captions(words: Array<{ text: string; start: number; end: number }>, vtt: boolean): string {
  const cues: string[] = [];
  for (let i = 0; i < words.length; i += 8) {
    const chunk = words.slice(i, i + 8);
    const [first, last] = [chunk[0], chunk.at(-1)];
    if (!first || !last) continue;
    const timing = `${ts(first.start, vtt ? "." : ",")} --> ${ts(last.end, vtt ? "." : ",")}`;
    cues.push(`${vtt ? "" : `${cues.length + 1}\n`}${timing}\n${chunk.map((w) => w.text).join(" ")}`);
  }
  return `${vtt ? "WEBVTT\n\n" : ""}${cues.join("\n\n")}\n`;
}
