import { describe, expect, it } from "vitest";
import { sampleJob } from "../../infra/chat-previews.js";
import { messageRefusal } from "../../infra/fakes/discord/limits.js";
import { checkBlocks } from "../../infra/fakes/slack/blocks.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { parseJobButton } from "../../shared/chat/job-buttons.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { translationText } from "../../shared/chat/locale/translation.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";
import type { PublicJob } from "../../shared/jobs/view.js";

/** A finished transcript with the longest words and the given translations among its files. */
function transcriptResult(translated: string[]): PublicJob {
  const jobId = "0f8fad5b-d9cb-469f-a165-70867728950e";
  const file = (fileName: string) => ({ fileName, version: 1, url: `https://cg.example.com/d/${fileName}`, sizeBytes: 1234 });
  return {
    ...sampleJob,
    jobId,
    type: "transcription",
    input: { type: "transcription", audioUrl: "https://example.com/a.wav" },
    versions: [{ version: 1, transcriptUrl: "t.json", textUrl: "t.txt", wordCount: 1200, duration: 600 }],
    files: [
      ...["json", "txt", "srt", "vtt"].map((ext) => file(`transcript.${ext}`)),
      ...translated.flatMap((l) => ["txt", "srt", "vtt"].map((ext) => file(`transcript.${l}.${ext}`))),
    ],
  } as unknown as PublicJob;
}

const slackCheck = { channel: "C0GENERAL", canFetch: () => false, file: () => undefined };
type Select = { type: number; custom_id: string; placeholder: string; options: Array<{ label: string; value: string }> };

describe("a transcript's Translate menu, within the platforms' limits", () => {
  it("in en, de and fr: one select of at most 25 languages by name, each choice a translate of this job, passing both fakes' checks", async () => {
    for (const locale of chatLocales) {
      const job = transcriptResult(["de"]);
      const reply = jobReply(job, { locale });
      expect(messageRefusal(toDiscordMessage(reply) as never), locale).toBeUndefined();
      expect(await checkBlocks(toSlackMessage(reply, { images: false }).blocks, slackCheck), locale).toEqual([]);
      const rows = toDiscordMessage(reply).components as unknown as Array<{ components: Select[] }>;
      const [menu, ...more] = rows.flatMap((r) => r.components).filter((c) => c.type === 3);
      expect(more, locale).toEqual([]);
      expect(menu?.placeholder).toBe(translationText[locale].menu);
      expect(menu?.options.length).toBeGreaterThan(20);
      expect(menu?.options.length).toBeLessThanOrEqual(25);
      const languages = menu?.options.map((o) => parseJobButton(o.value)) ?? [];
      for (const parsed of languages) expect(parsed).toMatchObject({ action: "translate", jobId: job.jobId });
      // German is there already: not offered again.
      expect(languages.some((p) => p && "language" in p && p.language === "de")).toBe(false);
      expect(menu?.options.find((o) => o.value.endsWith(":fr"))?.label).toBe({ en: "French", de: "Französisch", fr: "français" }[locale]);
    }
  });

  it("a choice id names a translation language or is not a translate at all", () => {
    expect(parseJobButton("job:translate:abc:de")).toEqual({ action: "translate", jobId: "abc", language: "de" });
    expect(parseJobButton("job:translate:abc:tlh")).toBeUndefined();
    expect(parseJobButton("job:translate:abc")).toBeUndefined();
  });
});
