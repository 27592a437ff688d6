import type { TranscriptRequest } from "./transcript-request.js";

/**
 * What the transcript's options do to the words the emulator heard, in AssemblyAI's order:
 * keyterms first (a term spelled as given where the heard words are close to it), then speaker
 * labels (speakers_expected turns, A, B, C …), Speaker Identification (A → the first known
 * name …), and PII redaction last, over the words that will be the text, the utterances and
 * the captions.
 */

export interface Word {
  text: string;
  start: number;
  end: number;
  confidence: number;
  speaker: string | null;
}

/**
 * The names the emulator knows as people's: a short list of common first names, which is all
 * its "entity detection" has to go on (AssemblyAI's is a model; a test speaks one of these).
 */
const FIRST_NAMES = new Set([
  "alice",
  "bob",
  "carol",
  "dave",
  "david",
  "emma",
  "frank",
  "grace",
  "hannah",
  "ian",
  "james",
  "julia",
  "karen",
  "liam",
  "maria",
  "mary",
  "michael",
  "nina",
  "olivia",
  "oscar",
  "paul",
  "peter",
  "rachel",
  "sarah",
  "sophie",
  "thomas",
  "john",
  "anna",
  "lucas",
  "marie",
  "pierre",
  "hans",
  "klaus",
  "kelly",
]);

const trailing = /[.,!?;:]+$/;
const bare = (text: string) => text.replace(trailing, "");
const norm = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** The PII policy a word falls under, when the emulator can tell. */
function entityOf(text: string): string | undefined {
  const word = bare(text);
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(word)) return "email_address";
  if (/^\d{3}-\d{2}-\d{4}$/.test(word)) return "us_social_security_number";
  const digits = word.replace(/[\s().+-]/g, "");
  if (/^\d+$/.test(digits) && /^[\d\s().+-]+$/.test(word)) {
    if (digits.length >= 13 && digits.length <= 19) return "credit_card_number";
    if (digits.length >= 7 && digits.length <= 12) return "phone_number";
  }
  if (FIRST_NAMES.has(norm(word))) return "person_name";
  return undefined;
}

/** Levenshtein distance, for "close enough to be the keyterm". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const kept = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = kept;
    }
  }
  return row[b.length] ?? 0;
}

function applyKeyterms(words: Word[], keyterms: string[]): void {
  for (const term of keyterms) {
    const parts = term.trim().split(/\s+/);
    const target = norm(term);
    if (!target) continue;
    for (let i = 0; i + parts.length <= words.length; i++) {
      const span = words.slice(i, i + parts.length);
      const heard = norm(span.map((w) => w.text).join(""));
      if (heard === target || distance(heard, target) <= Math.max(1, Math.floor(target.length / 4))) {
        const end = span.at(-1)?.text.match(trailing)?.[0] ?? "";
        span.forEach((w, k) => {
          w.text = `${parts[k] ?? ""}${k === span.length - 1 ? end : ""}`;
        });
      }
    }
  }
}

/** Speakers A, B, C … in turns of equal length, as many as expected (two when not said). */
function labelSpeakers(words: Word[], expected: number | null | undefined): void {
  const n = Math.max(1, Math.min(expected ?? 2, words.length));
  words.forEach((w, i) => {
    w.speaker = String.fromCharCode(65 + Math.floor((i * n) / words.length));
  });
}

/** The known names in order for the speakers in order of first appearance: AssemblyAI's mapping. */
export function speakerMapping(words: Word[], names: string[]): Record<string, string> {
  const speakers = [...new Set(words.map((w) => w.speaker).filter((s): s is string => s !== null))];
  return Object.fromEntries(speakers.flatMap((s, i) => (names[i] ? [[s, names[i]]] : [])));
}

function redact(words: Word[], policies: string[], sub: string | null | undefined): void {
  for (const w of words) {
    const policy = entityOf(w.text);
    if (!policy || !policies.includes(policy)) continue;
    const end = w.text.match(trailing)?.[0] ?? "";
    w.text = sub === "entity_name" ? `[${policy.toUpperCase()}]${end}` : `${bare(w.text).replace(/[^\s]/g, "#")}${end}`;
  }
}

/** The words as the request's options make them; the mapping Speaker Identification answered, when asked for. */
export function applyOptions(heard: Word[], r: TranscriptRequest): { words: Word[]; mapping?: Record<string, string> } {
  const words = heard.map((w) => ({ ...w }));
  if (r.keyterms_prompt?.length) applyKeyterms(words, r.keyterms_prompt);
  if (r.speaker_labels) labelSpeakers(words, r.speakers_expected);
  const identification = r.speech_understanding?.request?.speaker_identification;
  let mapping: Record<string, string> | undefined;
  if (r.speaker_labels && identification) {
    mapping = speakerMapping(words, identification.known_values ?? []);
    for (const w of words) if (w.speaker && mapping[w.speaker]) w.speaker = mapping[w.speaker] ?? w.speaker;
  }
  if (r.redact_pii) redact(words, r.redact_pii_policies ?? [], r.redact_pii_sub);
  return mapping ? { words, mapping } : { words };
}

/** The spans of the words that were redacted, for the beeped copy of the audio. */
export const redactedSpans = (words: Word[]) =>
  words.filter((w) => /^\[[A-Z_]+\]|^#+/.test(w.text)).map((w) => ({ start: w.start, end: w.end }));
