import { describe, expect, it } from "vitest";
import { sampleJob } from "../../infra/chat-previews.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import type { PublicJob } from "../../shared/jobs/view.js";

/** A finished transcription as jobs.get shows it, with the speakers the team named. */
function transcript(speakerNames: Record<string, string>): PublicJob {
  return {
    ...sampleJob,
    type: "transcription",
    input: { type: "transcription", uploadKey: "temp/w/u/k/standup.mp3" },
    versions: [
      { version: 1, transcriptUrl: "https://cg.example.com/d/t", textUrl: "https://cg.example.com/d/x", wordCount: 9, duration: 4 },
    ],
    files: [],
    speakerNames,
  } as unknown as PublicJob;
}

describe("a transcript's speaker names in chat", () => {
  it("a reply lists them in a Speakers field, in each language, and none when there are none", () => {
    const named = jobReply(transcript({ A: "Alice", B: "Bo" }));
    expect(named.fields).toContainEqual({ name: "Speakers", value: "A: Alice, B: Bo" });
    expect(jobReply(transcript({ A: "Alice" }), { locale: "de" }).fields).toContainEqual({ name: "Sprecher", value: "A: Alice" });
    expect(jobReply(transcript({ A: "Alice" }), { locale: "fr" }).fields).toContainEqual({ name: "Intervenants", value: "A: Alice" });
    expect(jobReply(transcript({})).fields?.some((f) => f.name === "Speakers")).toBe(false);
  });

  it("26 names of 100 characters stay within Discord's 1,024 characters per embed field", () => {
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [String.fromCharCode(65 + i), "n".repeat(100)]));
    for (const locale of chatLocales) {
      const embed = toDiscordMessage(jobReply(transcript(many), { locale })).embeds?.[0] as { fields: Array<{ value: string }> };
      for (const f of embed.fields) expect(f.value.length).toBeLessThanOrEqual(1024);
    }
  });
});
