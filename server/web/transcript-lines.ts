import { z } from "zod";

/** The parts of a stored transcript (AssemblyAI's transcript object, as the worker keeps it) a reader shows. */
const storedTranscript = z.object({
  text: z.string().nullish(),
  words: z.array(z.object({ text: z.string(), start: z.number(), end: z.number(), speaker: z.string().nullish() })).nullish(),
  utterances: z.array(z.object({ text: z.string(), start: z.number(), end: z.number(), speaker: z.string().nullish() })).nullish(),
});

export interface TranscriptLine {
  /** Seconds from the start of the audio. */
  start: number;
  speaker: string | null;
  text: string;
}

/** Words per line when the transcript has no speaker turns and a sentence runs long. */
const MAX_WORDS = 24;

/**
 * Lines to read: the speakers' turns when the transcript has them, else its words grouped into
 * sentences (a line ends at . ! or ?, or after 24 words), each with the second it starts at.
 */
export function transcriptLines(json: unknown): TranscriptLine[] {
  const t = storedTranscript.safeParse(json);
  if (!t.success) return [];
  if (t.data.utterances?.length) {
    return t.data.utterances.map((u) => ({ start: u.start / 1000, speaker: u.speaker ?? null, text: u.text }));
  }
  const words = t.data.words ?? [];
  if (words.length === 0) return t.data.text ? [{ start: 0, speaker: null, text: t.data.text }] : [];
  const lines: TranscriptLine[] = [];
  let current: typeof words = [];
  const flush = () => {
    const first = current[0];
    if (first) lines.push({ start: first.start / 1000, speaker: first.speaker ?? null, text: current.map((w) => w.text).join(" ") });
    current = [];
  };
  for (const w of words) {
    if (current.length > 0 && (current[0]?.speaker ?? null) !== (w.speaker ?? null)) flush();
    current.push(w);
    if (/[.!?]$/.test(w.text) || current.length >= MAX_WORDS) flush();
  }
  flush();
  return lines;
}

/** 75.2 → "1:15", 3725 → "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const hms = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const [h, m, sec] = hms.map((n) => String(n).padStart(2, "0"));
  return hms[0] ? `${Number(h)}:${m}:${sec}` : `${Number(m)}:${sec}`;
}
