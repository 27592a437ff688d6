import { describe, expect, it } from "vitest";
import { sampleJob } from "../../infra/chat-previews.js";
import { messageRefusal } from "../../infra/fakes/discord/limits.js";
import { modalRefusal } from "../../infra/fakes/discord/modal-limits.js";
import { checkBlocks, checkModalView } from "../../infra/fakes/slack/blocks.js";
import { askModal } from "../../bots/discord/ask-modal.js";
import { askView } from "../../bots/slack/ask-view.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { itemView } from "../../bots/slack/item-view.js";
import { actionItemsMenu } from "../../shared/chat/action-items-menu.js";
import { parseAskModalId, parseItemModalId, parseJobButton } from "../../shared/chat/job-buttons.js";
import { actionItemsText } from "../../shared/chat/locale/action-items.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { meetingButtonsText } from "../../shared/chat/locale/meeting-buttons.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";
import type { PublicJob } from "../../shared/jobs/view.js";

const jobId = "0f8fad5b-d9cb-469f-a165-70867728950e";

/** A finished transcript with its files, and notes among them or not. */
function transcriptResult(notes: boolean): PublicJob {
  const file = (fileName: string) => ({ fileName, version: 1, url: `https://cg.example.com/d/${fileName}`, sizeBytes: 1234 });
  return {
    ...sampleJob,
    jobId,
    type: "transcription",
    input: { type: "transcription", audioUrl: "https://example.com/a.wav" },
    speakerNames: { A: "Ann Example-Longname", B: "Bob" },
    versions: [{ version: 1, transcriptUrl: "t.json", textUrl: "t.txt", wordCount: 1200, duration: 600 }],
    files: [
      ...["json", "txt", "srt", "vtt"].map((ext) => file(`transcript.${ext}`)),
      ...(notes ? ["notes.md", "notes.json"].map(file) : []),
    ],
  } as unknown as PublicJob;
}

const slackCheck = { channel: "C0GENERAL", canFetch: () => false, file: () => undefined };
type Button = { type: number; custom_id?: string; label?: string };

describe("a transcript's Ask and Chapters, within the platforms' limits", () => {
  it("in en, de and fr: the result carries Ask and (with notes) Chapters beside its files, passing both fakes' checks", async () => {
    for (const locale of chatLocales) {
      for (const notes of [true, false]) {
        const reply = jobReply(transcriptResult(notes), { locale });
        expect(messageRefusal(toDiscordMessage(reply) as never), locale).toBeUndefined();
        expect(await checkBlocks(toSlackMessage(reply, { images: false }).blocks, slackCheck), locale).toEqual([]);
        const rows = toDiscordMessage(reply).components as unknown as Array<{ components: Button[] }>;
        const ids = rows.flatMap((r) => r.components).map((c) => c.custom_id);
        expect(ids).toContain(`job:ask:${jobId}`);
        expect(ids.includes(`job:chapters:${jobId}`), locale).toBe(notes);
        const text = JSON.stringify(toDiscordMessage(reply));
        for (const name of ["transcript.txt", "transcript.srt", "transcript.vtt", ...(notes ? ["notes.md"] : [])])
          expect(text).toContain(name);
        const t = meetingButtonsText[locale];
        // Slack's button text: 75 characters; Discord's label: 80.
        for (const label of Object.values(t.buttons)) expect(label.length).toBeLessThanOrEqual(75);
      }
    }
  });

  it("in en, de and fr: the Ask modal passes Discord's modal limits and Slack's view checks", () => {
    for (const locale of chatLocales) {
      expect(modalRefusal(askModal(jobId, locale).toJSON() as never), locale).toBeUndefined();
      const view = askView(jobId, { channelId: "C0GENERAL", ephemeral: true, locale, responseUrl: "https://hooks.slack.com/x" });
      expect(checkModalView(view), locale).toEqual([]);
    }
  });

  it("in en, de and fr: a Slack result's action-items menu (25 items of 1,000 characters) and its modal pass Slack's checks", async () => {
    const long = "x".repeat(1000);
    const notes = { actionItems: Array.from({ length: 40 }, (_, i) => ({ text: `${i} ${long}`, owner: "Ann Example-Longname" })) };
    for (const locale of chatLocales) {
      const menu = actionItemsMenu(jobId, notes as never, locale);
      expect(menu?.options).toHaveLength(25);
      const reply = { ...jobReply(transcriptResult(true), { locale }), menus: [menu as never] };
      expect(await checkBlocks(toSlackMessage(reply, { images: false }).blocks, slackCheck), locale).toEqual([]);
      for (const o of menu?.options ?? []) expect(parseJobButton(o.value)).toMatchObject({ action: "item", jobId });
      const view = itemView(jobId, 25, { channelId: "C0GENERAL", ephemeral: true, locale, responseUrl: "https://hooks.slack.com/x" });
      expect(checkModalView(view), locale).toEqual([]);
      const t = actionItemsText[locale];
      // Slack's plain_text option: 75 characters.
      for (const d of Object.values(t.delays)) expect(d.length).toBeLessThanOrEqual(75);
    }
    expect(actionItemsMenu(jobId, { actionItems: [] }, "en")).toBeUndefined();
  });

  it("button and modal ids parse back to the job they name", () => {
    expect(parseJobButton(`job:item:${jobId}:25`)).toEqual({ action: "item", jobId, item: 25 });
    expect(parseJobButton(`job:item:${jobId}:26`)).toBeUndefined();
    expect(parseJobButton(`job:item:${jobId}:0`)).toBeUndefined();
    expect(parseItemModalId(`item:${jobId}:3`)).toEqual({ jobId, item: 3 });
    expect(parseJobButton(`job:ask:${jobId}`)).toEqual({ action: "ask", jobId });
    expect(parseJobButton(`job:chapters:${jobId}`)).toEqual({ action: "chapters", jobId });
    expect(parseJobButton(`job:chapters:${jobId}:1`)).toBeUndefined();
    expect(parseAskModalId(`ask:${jobId}`)).toEqual({ jobId });
    expect(parseAskModalId(`ask:${jobId}:2`)).toBeUndefined();
  });
});
