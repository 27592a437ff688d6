import { describe, expect, it } from "vitest";
import { transcribedFileName, transcriptExcerpt } from "../../shared/jobs/transcript-excerpt.js";

describe("a transcript tile's title", () => {
  it("keeps the first twelve words, cut at a word, with an ellipsis only when cut", () => {
    expect(transcriptExcerpt("  Good morning,\n everyone. ")).toBe("Good morning, everyone.");
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
    expect(transcriptExcerpt(long)).toBe(`${Array.from({ length: 12 }, (_, i) => `word${i}`).join(" ")}…`);
    expect(transcriptExcerpt(`${"a".repeat(200)} b`)).toBe(`${"a".repeat(90)}…`);
    expect(transcriptExcerpt(`${"long ".repeat(10)}${"x".repeat(80)}`).length).toBeLessThanOrEqual(91);
  });

  it("names the upload's file, or the last part of the URL's path, decoded", () => {
    expect(transcribedFileName({ uploadKey: "temp/ws/alice/123/harbour call.wav" })).toBe("harbour call.wav");
    expect(transcribedFileName({ audioUrl: "https://example.com/audio/board%20meeting.mp3?sig=1" })).toBe("board meeting.mp3");
    expect(transcribedFileName({ audioUrl: "https://example.com/" })).toBeUndefined();
    expect(transcribedFileName(undefined)).toBeUndefined();
  });
});
