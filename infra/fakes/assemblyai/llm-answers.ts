/**
 * What the emulated LLM Gateway "thinks": deterministic answers read off the transcript lines a
 * prompt carries (`[start-end] Speaker: text`, times in milliseconds, as shared/meeting writes
 * them), so a test can check that every quote is a real line. A prompt with a `Question:` line is
 * answered as a question about the meeting; one with transcript lines gets meeting notes as JSON;
 * one with a `Translate into:` line and notes gets the notes translated the way the emulator's
 * Speech Understanding translates (translation.ts); anything else a fixed sentence.
 */
import { translateText } from "./translation.js";

interface Sentence {
  text: string;
  speaker: string | null;
  start: number;
  end: number;
}

const linePattern = /^\[(\d+)-(\d+)\] ([^:\n]+): (.+)$/gm;

/** The prompt's transcript lines, each split into its sentences (each keeps its line's speaker and span). */
function sentencesOf(prompt: string): Sentence[][] {
  const lines: Sentence[][] = [];
  for (const m of prompt.matchAll(linePattern)) {
    const [, start, end, speaker, text] = m;
    if (!start || !end || !speaker || !text) continue;
    const who = speaker === "Unknown speaker" ? null : speaker;
    const parts = text
      .split(/(?<=[.!?])\s+/)
      .map((s) => s.trim())
      .filter(Boolean);
    lines.push(parts.map((s) => ({ text: s, speaker: who, start: Number(start), end: Number(end) })));
  }
  return lines;
}

const quoteOf = (s: Sentence) => ({ text: s.text, speaker: s.speaker, start: s.start, end: s.end });

const actionPattern = /\b(will|let's|lets|need to|needs to|action)\b/i;
const decisionPattern = /\b(decide[ds]?|agreed?)\b/i;

/** Meeting notes: the first sentences as the summary, action items, decisions, and a chapter per pause of 5 s or three turns. */
function notesOf(lines: Sentence[][]) {
  const all = lines.flat();
  const chapters: Sentence[][][] = [];
  for (const line of lines) {
    const current = chapters.at(-1);
    const previous = current?.at(-1)?.[0];
    const first = line[0];
    if (current && previous && first && first.start - previous.end < 5_000 && current.length < 3) current.push(line);
    else chapters.push([line]);
  }
  return {
    summary: all
      .slice(0, 2)
      .map((s) => s.text)
      .join(" "),
    actionItems: all
      .filter((s) => actionPattern.test(s.text))
      .map((s) => ({ text: s.text, ...(s.speaker ? { owner: s.speaker } : {}), quote: quoteOf(s) })),
    decisions: all.filter((s) => decisionPattern.test(s.text)).map((s) => ({ text: s.text, quote: quoteOf(s) })),
    chapters: chapters.flatMap((c) => {
      const first = c[0]?.[0];
      const last = c.at(-1)?.at(-1);
      if (!first || !last) return [];
      const title = first.text
        .split(/\s+/)
        .slice(0, 5)
        .join(" ")
        .replace(/[.!?,]+$/, "");
      return [{ start: first.start, end: last.end, title, summary: first.text }];
    }),
  };
}

const stopWords = new Set(
  "a an and are about as at be did do does for from how in is it of on or our that the this to was we were what when where which who why with you"
    .split(" ")
    .concat(["meeting"]),
);
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !stopWords.has(w));

/** An answer from the sentences that share the most words with the question, quoted; none, and it says so. */
function answerOf(lines: Sentence[][], question: string) {
  const asked = new Set(wordsOf(question));
  const scored = lines
    .flat()
    .map((s, i) => ({ s, i, score: wordsOf(s.text).filter((w) => asked.has(w)).length }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, 2)
    .sort((a, b) => a.i - b.i);
  if (scored.length === 0) return { answer: "The transcript does not say.", quotes: [] };
  return {
    answer: scored.map(({ s }) => (s.speaker ? `${s.speaker} said: "${s.text}"` : `"${s.text}"`)).join(" "),
    quotes: scored.map(({ s }) => quoteOf(s)),
  };
}

/** Every string of the notes translated, but `owner` (a name) and the keys. */
function translatedValue(value: unknown, language: string, key?: string): unknown {
  if (typeof value === "string") return key === "owner" ? value : translateText(value, language);
  if (Array.isArray(value)) return value.map((v) => translatedValue(v, language));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, translatedValue(v, language, k)]));
  return value;
}

/** The completion's text for the conversation's last user message. */
export function completionFor(prompt: string): string {
  const translateInto = /^Translate into: (\S+)$/m.exec(prompt)?.[1];
  const notes = /^Notes:\n([\s\S]+)$/m.exec(prompt)?.[1];
  if (translateInto && notes) {
    try {
      return JSON.stringify(translatedValue(JSON.parse(notes), translateInto));
    } catch {
      return "The notes to translate are not JSON.";
    }
  }
  const lines = sentencesOf(prompt);
  const question = /^Question: (.+)$/m.exec(prompt)?.[1];
  if (question) return JSON.stringify(answerOf(lines, question));
  if (lines.length > 0) return JSON.stringify(notesOf(lines));
  return "This is the emulated LLM Gateway's answer.";
}
