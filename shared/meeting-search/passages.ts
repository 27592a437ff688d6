import path from "node:path";
import { z } from "zod";

/** One searchable stretch of a meeting: a speaker's words over a span of the recording. */
export interface Passage {
  speaker: string | null;
  /** Milliseconds from the start of the recording. */
  start: number;
  end: number;
  text: string;
}

/** The parts of AssemblyAI's transcript object (as the worker stores it) a passage is made of. */
const word = z.object({ text: z.string(), start: z.number(), end: z.number(), speaker: z.string().nullish() });
const storedTranscript = z.object({
  text: z.string().nullish(),
  words: z.array(word).nullish(),
  utterances: z
    .array(
      z.object({ speaker: z.string().nullish(), start: z.number(), end: z.number(), words: z.array(word).nullish(), text: z.string() }),
    )
    .nullish(),
});
type Word = z.infer<typeof word>;

/**
 * Words per passage at most. A speaker's turn can run for minutes; a hit should name the moment,
 * so a long turn is cut into passages, at a sentence's end once it holds half this many.
 */
export const PASSAGE_WORDS = 40;

function fromWords(words: readonly Word[], speaker: string | null): Passage[] {
  const out: Passage[] = [];
  let current: Word[] = [];
  const flush = () => {
    const first = current[0];
    const last = current.at(-1);
    if (first && last) out.push({ speaker, start: first.start, end: last.end, text: current.map((w) => w.text).join(" ") });
    current = [];
  };
  for (const w of words) {
    current.push(w);
    if (current.length >= PASSAGE_WORDS || (current.length >= PASSAGE_WORDS / 2 && /[.!?]$/.test(w.text))) flush();
  }
  flush();
  return out;
}

/**
 * A stored transcript as passages: each speaker turn (cut when long) when it has turns, else its
 * words by speaker change, else its whole text at 0. Anything unreadable gives none.
 */
export function transcriptPassages(json: unknown): Passage[] {
  const t = storedTranscript.safeParse(json);
  if (!t.success) return [];
  const { utterances, words, text } = t.data;
  if (utterances?.length) {
    return utterances.flatMap((u) =>
      u.words?.length ? fromWords(u.words, u.speaker ?? null) : [{ speaker: u.speaker ?? null, start: u.start, end: u.end, text: u.text }],
    );
  }
  if (words?.length) {
    const runs: Word[][] = [];
    for (const w of words) {
      const run = runs.at(-1);
      if (run && (run[0]?.speaker ?? null) === (w.speaker ?? null)) run.push(w);
      else runs.push([w]);
    }
    return runs.flatMap((run) => fromWords(run, run[0]?.speaker ?? null));
  }
  return text?.trim() ? [{ speaker: null, start: 0, end: 0, text: text.trim() }] : [];
}

/** What a meeting is called in a hit: the recording's file name, from its upload key or its URL. */
export function recordingName(input: Record<string, unknown>): string {
  const from = typeof input.uploadKey === "string" ? input.uploadKey : typeof input.audioUrl === "string" ? input.audioUrl : "";
  if (!from) return "recording";
  let pathname = from;
  try {
    pathname = typeof input.uploadKey === "string" ? from : decodeURIComponent(new URL(from).pathname);
  } catch {
    // a key, or a URL that does not parse: its last segment is still its name
  }
  return path.posix.basename(pathname) || "recording";
}
