import { describe, expect, it } from "vitest";
import {
  MeetingQueryError,
  matchRanges,
  parseMeetingQuery,
  passageTerms,
  phrasePattern,
  queryTerms,
  quoteOf,
} from "../../shared/meeting-search/query.js";
import { recordingName, transcriptPassages } from "../../shared/meeting-search/passages.js";

describe("the search across meetings: its query", () => {
  it("reads words and quoted phrases; every phrase word of two letters or more is a term", () => {
    expect(parseMeetingQuery('Pricing "next Quarter" budget')).toEqual({
      terms: ["pricing", "budget", "next", "quarter"],
      phrases: [["next", "quarter"]],
    });
    // Curly quotes, an unclosed quote, a one-word phrase (a word like any other), single letters kept in a phrase.
    expect(parseMeetingQuery("“plan a trip” now")).toEqual({ terms: ["now", "plan", "trip"], phrases: [["plan", "a", "trip"]] });
    expect(parseMeetingQuery('"roadmap')).toEqual({ terms: ["roadmap"], phrases: [] });
    expect(parseMeetingQuery('"Roadmap" review')).toEqual({ terms: ["roadmap", "review"], phrases: [] });
    expect(parseMeetingQuery("déjà-vu Ünïcode")).toEqual({ terms: ["déjà", "vu", "ünïcode"], phrases: [] });
  });

  it("finds a phrase by its pairs of words, which a passage holds beside its words", () => {
    expect(queryTerms(parseMeetingQuery('"plan a trip" now'))).toEqual(["now", "plan", "trip", "plan a", "a trip"]);
    const held = passageTerms("We plan a trip, now.");
    expect(held).toEqual(expect.arrayContaining(["plan", "trip", "now", "we plan", "plan a", "a trip", "trip now"]));
    expect(held).not.toContain("a");
    for (const term of queryTerms(parseMeetingQuery('"plan a trip" now'))) expect(held).toContain(term);
  });

  it("refuses an empty, wordless, too long or too many-sided query", () => {
    for (const [query, reason] of [
      ["  ", /empty/],
      ['a " " ?', /at least 2 letters/],
      ["x".repeat(201), /200 characters/],
      [Array.from({ length: 13 }, (_, i) => `w${i}x`).join(" "), /more than 12/],
    ] as const) {
      expect(() => parseMeetingQuery(query), query).toThrow(MeetingQueryError);
      expect(() => parseMeetingQuery(query), query).toThrow(reason);
    }
  });

  it("matches a phrase as whole words in order, with punctuation between them, in any case", () => {
    const re = new RegExp(phrasePattern(["next", "quarter"]), "iu");
    expect(re.test("Next, quarter!")).toBe(true);
    expect(re.test("the next quarter")).toBe(true);
    expect(re.test("nextquarter")).toBe(false);
    expect(re.test("next quarterly")).toBe(false);
    expect(re.test("quarter next")).toBe(false);
  });

  it("marks the query's words and phrases in a text, overlaps merged", () => {
    const text = "Pricing: next quarter, pricing again.";
    const q = parseMeetingQuery('pricing "next quarter"');
    expect(matchRanges(text, q).map((r) => text.slice(r.start, r.end))).toEqual(["Pricing", "next quarter", "pricing"]);
  });

  it("quotes a long passage around its first match, cut at spaces, ranges moved into the quote", () => {
    const text = `${"lorem ipsum ".repeat(40)}the pricing decision ${"dolor sit ".repeat(40)}`.trim();
    const q = parseMeetingQuery("pricing");
    const { quote, matches } = quoteOf(text, matchRanges(text, q), 120);
    expect(quote.length).toBeLessThanOrEqual(122);
    expect(quote.startsWith("…")).toBe(true);
    expect(quote.endsWith("…")).toBe(true);
    expect(matches.map((m) => quote.slice(m.start, m.end))).toEqual(["pricing"]);
    expect(quoteOf("short pricing", matchRanges("short pricing", q))).toEqual({ quote: "short pricing", matches: [{ start: 6, end: 13 }] });
  });
});

describe("the search across meetings: passages of a transcript", () => {
  const word = (text: string, start: number, speaker: string | null = "A") => ({ text, start, end: start + 300, confidence: 1, speaker });

  it("keeps speaker turns, cutting a long one at a sentence's end, with times in ms", () => {
    const long = Array.from({ length: 50 }, (_, i) => word(i === 24 ? "end." : `w${i}`, i * 400));
    const passages = transcriptPassages({
      text: "…",
      utterances: [
        { speaker: "A", start: 0, end: 20_000, text: "…", words: long },
        {
          speaker: "B",
          start: 21_000,
          end: 22_000,
          text: "Yes, agreed.",
          words: [word("Yes,", 21_000, "B"), word("agreed.", 21_500, "B")],
        },
      ],
    });
    expect(passages.map((p) => [p.speaker, p.start, p.text.split(" ").length])).toEqual([
      ["A", 0, 25],
      ["A", 10_000, 25],
      ["B", 21_000, 2],
    ]);
    expect(passages[2]).toMatchObject({ text: "Yes, agreed.", end: 21_800 });
  });

  it("falls back to words by speaker, then to the whole text; unreadable gives none", () => {
    expect(transcriptPassages({ words: [word("hi", 0, null), word("there", 400, null)] })).toEqual([
      { speaker: null, start: 0, end: 700, text: "hi there" },
    ]);
    expect(transcriptPassages({ text: " just text " })).toEqual([{ speaker: null, start: 0, end: 0, text: "just text" }]);
    expect(transcriptPassages({ words: "nope" })).toEqual([]);
  });

  it("names a meeting by its recording's file name", () => {
    expect(recordingName({ uploadKey: "temp/ws/u/id/Weekly sync.m4a" })).toBe("Weekly sync.m4a");
    expect(recordingName({ audioUrl: "https://example.com/calls/team%20call.mp3?sig=1" })).toBe("team call.mp3");
    expect(recordingName({})).toBe("recording");
  });
});
