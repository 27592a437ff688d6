import { z } from "zod";

/**
 * Names a team gave a transcript's speakers after it was made ("Speaker A" → "Alice"), kept on
 * the job as pairs (a speaker may be named "Dr. Lee" by Speaker Identification, which a Mongo
 * key could not hold), and the transcript's files as they read with those names: rendered when
 * read, so the stored files stay AssemblyAI's and the job keeps one writer while it runs.
 */
export const speakerNamesField = z.array(z.object({ speaker: z.string(), name: z.string() }));
export type SpeakerNames = z.infer<typeof speakerNamesField>;

const word = z.object({ text: z.string(), start: z.number(), end: z.number(), speaker: z.string().nullish() });
const storedTranscript = z.looseObject({
  text: z.string().nullish(),
  words: z.array(z.looseObject(word.shape)).nullish(),
  utterances: z.array(z.looseObject({ ...word.shape, words: z.array(z.looseObject(word.shape)).nullish() })).nullish(),
});
type Word = z.infer<typeof word>;

/** The speakers a stored transcript names, in order of first appearance. */
export function speakersOf(json: unknown): string[] {
  const t = storedTranscript.safeParse(json);
  if (!t.success) return [];
  const all = [...(t.data.utterances ?? []), ...(t.data.words ?? [])].map((u) => u.speaker);
  return [...new Set(all.filter((s): s is string => typeof s === "string" && s !== ""))];
}

/** The map form of the pairs, for lookups and the API's view. */
export const speakerNameMap = (names: SpeakerNames | undefined): Record<string, string> =>
  Object.fromEntries((names ?? []).map((n) => [n.speaker, n.name]));

/** The stored transcript with each named speaker's label replaced by the name, everywhere it appears. */
export function renamedTranscript(json: unknown, names: SpeakerNames): unknown {
  const map = speakerNameMap(names);
  const rename = <T extends { speaker?: string | null | undefined }>(w: T): T =>
    w.speaker && map[w.speaker] !== undefined ? { ...w, speaker: map[w.speaker] } : w;
  const t = storedTranscript.safeParse(json);
  if (!t.success) return json;
  return {
    ...t.data,
    ...(t.data.words ? { words: t.data.words.map(rename) } : {}),
    ...(t.data.utterances
      ? { utterances: t.data.utterances.map((u) => ({ ...rename(u), ...(u.words ? { words: u.words.map(rename) } : {}) })) }
      : {}),
  };
}

/** The text by turns, each led by its speaker's name: `Alice: …`, a blank line between turns. */
function turnsText(t: z.infer<typeof storedTranscript>): string {
  if (!t.utterances?.length) return t.text ?? "";
  return `${t.utterances.map((u) => (u.speaker ? `${u.speaker}: ${u.text}` : u.text)).join("\n\n")}\n`;
}

/** Words per caption, and the longest a caption lasts, as captions are commonly cut. */
const CAPTION_WORDS = 12;
const CAPTION_MS = 6_000;

/** The words cut into captions: a new one at each change of speaker, and after 12 words or 6 seconds. */
function captions(words: Word[]): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  for (const w of words) {
    const first = current[0];
    if (first && ((first.speaker ?? null) !== (w.speaker ?? null) || current.length >= CAPTION_WORDS || w.end - first.start > CAPTION_MS)) {
      out.push(current);
      current = [];
    }
    current.push(w);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** 61234 ms → "00:01:01,234" (SRT) or "00:01:01.234" (WebVTT). */
function stamp(ms: number, separator: "," | "."): string {
  const whole = Math.max(0, Math.round(ms));
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(Math.floor(whole / 3_600_000))}:${pad(Math.floor(whole / 60_000) % 60)}:${pad(Math.floor(whole / 1000) % 60)}${separator}${pad(whole % 1000, 3)}`;
}

/** SubRip with the speaker before each caption (`Alice: …`), or WebVTT with its voice tag (`<v Alice>…`). */
function captionsText(t: z.infer<typeof storedTranscript>, format: "srt" | "vtt"): string {
  const words = t.words ?? t.utterances?.flatMap((u) => u.words ?? []) ?? [];
  const cues = captions(words).map((c, i) => {
    const first = c[0] as Word;
    const last = c[c.length - 1] as Word;
    const text = c.map((w) => w.text).join(" ");
    if (format === "srt")
      return `${i + 1}\n${stamp(first.start, ",")} --> ${stamp(last.end, ",")}\n${first.speaker ? `${first.speaker}: ` : ""}${text}\n`;
    const voice = first.speaker ? `<v ${first.speaker.replace(/[<>&]/g, "")}>` : "";
    return `${stamp(first.start, ".")} --> ${stamp(last.end, ".")}\n${voice}${text}\n`;
  });
  return format === "srt" ? cues.join("\n") : `WEBVTT\n\n${cues.join("\n")}`;
}

/** The files a transcript's speaker names change. */
export const renamedFiles = new Set(["transcript.json", "transcript.txt", "transcript.srt", "transcript.vtt"]);

/** One of the transcript's files as it reads with the speakers' names: JSON, text by turns, or captions naming each speaker. */
export function renderWithNames(fileName: string, json: unknown, names: SpeakerNames): string | undefined {
  const renamed = renamedTranscript(json, names);
  const t = storedTranscript.safeParse(renamed);
  if (!t.success) return undefined;
  if (fileName === "transcript.json") return JSON.stringify(renamed, null, 2);
  if (fileName === "transcript.txt") return turnsText(t.data);
  if (fileName === "transcript.srt") return captionsText(t.data, "srt");
  if (fileName === "transcript.vtt") return captionsText(t.data, "vtt");
  return undefined;
}
