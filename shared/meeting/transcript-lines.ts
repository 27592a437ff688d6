/**
 * A transcript as the meeting prompts show it and as quotes are checked against it: one line per
 * speaker turn (AssemblyAI's utterances), or, without speaker labels, per sentence of the words,
 * each with its time span in milliseconds.
 */
export interface TranscriptLine {
  speaker: string | null;
  start: number;
  end: number;
  text: string;
}

export interface Quote {
  text: string;
  speaker: string | null;
  start: number;
  end: number;
}

type Timed = { text: string; start: number; end: number; speaker?: string | null | undefined };

/** The fields of AssemblyAI's transcript (transcript.json) the lines are made from. */
export interface TranscriptSource {
  utterances?: Timed[] | null | undefined;
  words?: Timed[] | null | undefined;
}

/** Words of one sentence go together; a sentence without an end is cut after this many words. */
const MAX_WORDS_PER_LINE = 40;

export function transcriptLines(transcript: TranscriptSource): TranscriptLine[] {
  const turns = transcript.utterances ?? [];
  if (turns.length > 0) return turns.map((u) => ({ speaker: u.speaker ?? null, start: u.start, end: u.end, text: u.text.trim() }));
  const lines: TranscriptLine[] = [];
  let current: Timed[] = [];
  const flush = () => {
    const [first, last] = [current[0], current.at(-1)];
    if (first && last)
      lines.push({ speaker: first.speaker ?? null, start: first.start, end: last.end, text: current.map((w) => w.text).join(" ") });
    current = [];
  };
  for (const w of transcript.words ?? []) {
    if (current[0] && (current[0].speaker ?? null) !== (w.speaker ?? null)) flush();
    current.push(w);
    if (/[.!?]$/.test(w.text) || current.length >= MAX_WORDS_PER_LINE) flush();
  }
  flush();
  return lines;
}

/** What the prompts call a line without a speaker; the emulator reads it back the same way. */
export const UNKNOWN_SPEAKER = "Unknown speaker";

/** The lines as the prompt carries them: `[start-end] Speaker: text`, times in milliseconds. */
export function formatLines(lines: TranscriptLine[]): string {
  return lines.map((l) => `[${l.start}-${l.end}] ${l.speaker ?? UNKNOWN_SPEAKER}: ${l.text}`).join("\n");
}

const normalized = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The line a quote is from: one of the same speaker whose text holds the quote's words in order
 * and whose span overlaps the quote's. A quote matching no line was made up, and is dropped.
 */
export function lineOfQuote(quote: Quote, lines: TranscriptLine[]): TranscriptLine | undefined {
  const words = normalized(quote.text);
  if (!words) return undefined;
  return lines.find(
    (l) =>
      (l.speaker ?? null) === (quote.speaker === UNKNOWN_SPEAKER ? null : (quote.speaker ?? null)) &&
      quote.start <= l.end &&
      quote.end >= l.start &&
      ` ${normalized(l.text)} `.includes(` ${words} `),
  );
}

/** `m:ss` (or `h:mm:ss`) of a time in milliseconds, as notes and answers show it. */
export function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
