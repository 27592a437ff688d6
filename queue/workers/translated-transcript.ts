import { z } from "zod";
import type { TranslatedFiles } from "../../shared/db/mongo/job-schema.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import type { WorkerDeps } from "../worker-deps.js";
import { storeFile } from "./store-file.js";

/**
 * What a transcript, or the Speech Understanding answer on one, holds of a translation
 * (AssemblyAI's "Translation" output: `translated_texts` by language on the transcript and, with
 * match_original_utterance, on each utterance with the utterance's own times).
 */
const translatedTranscript = z.object({
  audio_duration: z.number().nullish(),
  translated_texts: z.record(z.string(), z.string()).nullish(),
  utterances: z
    .array(z.object({ start: z.number(), end: z.number(), translated_texts: z.record(z.string(), z.string()).nullish() }))
    .nullish(),
});

interface Cue {
  start: number;
  end: number;
  text: string;
}

/** The translation's cues, one per utterance at the utterance's times; the whole text over the audio when no utterance has its own. */
function cuesOf(t: z.infer<typeof translatedTranscript>, language: string): Cue[] | undefined {
  const utterances = t.utterances ?? [];
  const cues = utterances.flatMap((u) => {
    const text = u.translated_texts?.[language];
    return text ? [{ start: u.start, end: u.end, text }] : [];
  });
  if (cues.length > 0 && cues.length === utterances.length) return cues;
  const whole = t.translated_texts?.[language];
  return whole ? [{ start: 0, end: Math.round((t.audio_duration ?? 0) * 1000), text: whole }] : undefined;
}

const stamp = (ms: number, separator: "," | ".") => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
};

/** The translation as transcript.txt, SubRip and WebVTT are written for the original: text, then numbered or headed cues. */
export function renderTranslation(transcript: unknown, language: string): { text: string; srt: string; vtt: string } | undefined {
  const parsed = translatedTranscript.safeParse(transcript);
  if (!parsed.success) return undefined;
  const cues = cuesOf(parsed.data, language);
  if (!cues) return undefined;
  const text = parsed.data.translated_texts?.[language] ?? cues.map((c) => c.text).join(" ");
  const srt = cues.map((c, i) => `${i + 1}\n${stamp(c.start, ",")} --> ${stamp(c.end, ",")}\n${c.text}`).join("\n\n");
  const vtt = cues.map((c) => `${stamp(c.start, ".")} --> ${stamp(c.end, ".")}\n${c.text}`).join("\n\n");
  return { text, srt: `${srt}\n`, vtt: `WEBVTT\n\n${vtt}\n` };
}

/**
 * The translation's three files, beside the original under the same key layout: each written
 * unless its key already holds it (storeFile), so a retry adds no second copy. Undefined when
 * the answer holds no translation into the language.
 */
export async function storeTranslation(
  deps: WorkerDeps,
  job: { jobId: string; userId: string },
  transcript: unknown,
  language: string,
): Promise<{ files: Omit<TranslatedFiles, "sizeBytes" | "addedLater">; bytes: number } | undefined> {
  const rendered = renderTranslation(transcript, language);
  if (!rendered) return undefined;
  const keys = transcriptKeys(job.userId, job.jobId).translated(language);
  const bodies = [
    [keys.text, Buffer.from(rendered.text), "text/plain; charset=utf-8"],
    [keys.srt, Buffer.from(rendered.srt), "application/x-subrip"],
    [keys.vtt, Buffer.from(rendered.vtt), "text/vtt"],
  ] as const;
  for (const [key, body, type] of bodies) await storeFile(deps, key, body, type);
  return { files: keys, bytes: bodies.reduce((n, [, b]) => n + b.length, 0) };
}
