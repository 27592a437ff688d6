import { searchTerms } from "../search.js";

/** The longest query the search takes, in characters. */
export const MAX_QUERY_LENGTH = 200;
/** The most words and phrases one query may hold: each is a condition on every candidate passage. */
export const MAX_QUERY_PARTS = 12;

/**
 * A search across meetings: words that must all appear (as `terms[]` stores them, so the terms
 * index finds the passages) and "quoted phrases" whose words must also stand in that order.
 */
export interface MeetingQuery {
  /** Every indexed word of the query, phrases' words included; none shorter than 2 characters. */
  terms: string[];
  /** Each phrase as its words, lower-cased, single letters kept (they are checked on the text). */
  phrases: string[][];
}

export class MeetingQueryError extends Error {
  override name = "MeetingQueryError";
}

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 40);

/** Two words that follow each other, as one term: "next quarter". A phrase's pairs narrow the search far more than its words. */
function pairsOf(words: readonly string[]): string[] {
  return words.slice(1).map((w, i) => `${words[i]} ${w}`);
}

/** What a passage is found by: its words (as `searchTerms` keeps them) and each pair of words in a row. */
export function passageTerms(text: string): string[] {
  return [...new Set([...searchTerms(text), ...pairsOf(wordsOf(text))])];
}

/** The terms every hit of the query holds: its words, and the pairs of words of its phrases. */
export function queryTerms(q: MeetingQuery): string[] {
  return [...new Set([...q.terms, ...q.phrases.flatMap(pairsOf)])];
}

/** Reads `budget "next quarter" pricing`: loose words and double-quoted phrases (straight or curly quotes). */
export function parseMeetingQuery(raw: string): MeetingQuery {
  const query = raw.trim();
  if (query.length === 0) throw new MeetingQueryError("the query is empty");
  if (query.length > MAX_QUERY_LENGTH) throw new MeetingQueryError(`the query has more than ${MAX_QUERY_LENGTH} characters`);
  const phrases: string[][] = [];
  const loose = query.replace(/["“”„]([^"“”„]*)["“”„]?/g, (_, inner: string) => {
    const words = wordsOf(inner);
    if (words.length > 1) phrases.push(words);
    // A one-word "phrase" is a word like any other.
    return words.length === 1 ? ` ${words[0]} ` : " ";
  });
  const terms = searchTerms(loose, ...phrases.map((p) => p.join(" ")));
  if (terms.length === 0) throw new MeetingQueryError("the query needs a word of at least 2 letters or digits");
  if (terms.length + phrases.length > MAX_QUERY_PARTS)
    throw new MeetingQueryError(`the query has more than ${MAX_QUERY_PARTS} words and phrases`);
  return { terms, phrases };
}

/**
 * A phrase as a pattern over the stored text: its words in order with only spaces or punctuation
 * between them, each a whole word. Words hold letters and digits only, so none needs escaping;
 * MongoDB's PCRE and FerretDB's Go regexp both know `\p{L}`.
 */
export function phrasePattern(words: readonly string[]): string {
  return `(?:^|[^\\p{L}\\p{N}])${words.join("[^\\p{L}\\p{N}]+")}(?:$|[^\\p{L}\\p{N}])`;
}

/** A span of a quote, in UTF-16 code units: `start` inclusive, `end` exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** Where the query's words (and its phrases, as one span each) stand in a text, in order, overlaps merged. */
export function matchRanges(text: string, q: MeetingQuery): TextRange[] {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    word: m[0].toLowerCase().normalize("NFKC"),
  }));
  const wanted = new Set(q.terms);
  const ranges: TextRange[] = words.filter((w) => wanted.has(w.word)).map(({ start, end }) => ({ start, end }));
  for (const phrase of q.phrases) {
    for (let i = 0; i + phrase.length <= words.length; i++) {
      if (phrase.every((p, k) => words[i + k]?.word === p)) {
        ranges.push({ start: words[i]?.start ?? 0, end: words[i + phrase.length - 1]?.end ?? 0 });
      }
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextRange[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The longest quote a hit shows, in characters: about two lines of chat. */
export const MAX_QUOTE_LENGTH = 240;

/**
 * The part of a passage around its first match, at most MAX_QUOTE_LENGTH long, cut at spaces
 * with "…" where it was cut, and the match ranges moved into it (those cut off are dropped).
 */
export function quoteOf(text: string, ranges: readonly TextRange[], max = MAX_QUOTE_LENGTH): { quote: string; matches: TextRange[] } {
  if (text.length <= max) return { quote: text, matches: [...ranges] };
  const first = ranges[0]?.start ?? 0;
  let from = Math.max(0, Math.min(first - Math.floor(max / 3), text.length - max));
  if (from > 0) {
    const space = text.indexOf(" ", from);
    from = space >= 0 && space < first ? space + 1 : from;
  }
  let to = Math.min(text.length, from + max - 2);
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    to = space > from && space > (ranges[0]?.end ?? 0) ? space : to;
  }
  const lead = from > 0 ? "…" : "";
  const quote = `${lead}${text.slice(from, to)}${to < text.length ? "…" : ""}`;
  const matches = ranges
    .filter((r) => r.start >= from && r.end <= to)
    .map((r) => ({ start: r.start - from + lead.length, end: r.end - from + lead.length }));
  return { quote, matches };
}
