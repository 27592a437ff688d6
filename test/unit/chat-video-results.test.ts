import { describe, expect, it } from "vitest";
import { sampleJob } from "../../infra/chat-previews.js";
import { hasPictures, uploadsClip } from "../../queue/chat/deliver/slack-files.js";
import { carriesFiles } from "../../queue/chat/deliver/result-files.js";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { messageRefusal } from "../../infra/fakes/discord/limits.js";
import { checkBlocks } from "../../infra/fakes/slack/blocks.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { downloadButtonId, parseJobButton } from "../../shared/chat/job-buttons.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { chatLocales } from "../../shared/chat/locale/languages.js";
import { videoButtonsText } from "../../shared/chat/locale/video-buttons.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";
import type { PublicJob } from "../../shared/jobs/view.js";

const jobId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const link = (name: string) => `https://cg.example.com/d/${name}`;

/** A finished video job as `operation` made it (none: a text-to-video), with the longest prompt the API takes. */
function videoResult(operation: "animate" | "extend" | undefined, opts: { running?: boolean } = {}): PublicJob {
  const prompt = "a lighthouse in fog at dusk, ".repeat(70).slice(0, 2000);
  const input =
    operation === "animate"
      ? { type: "video-generation", operation, source: { jobId: "s", image: 1 }, motion: "high" }
      : operation === "extend"
        ? { type: "video-generation", operation, source: { jobId: "s", video: 1 } }
        : { type: "video-generation", prompt, duration: 5, aspectRatio: "16:9" };
  const files = ["video_1.mp4", "video_1.webp", "video_1_preview.mp4"].map((fileName) => ({
    fileName,
    version: 1,
    kind: "videos",
    contentType: fileName.endsWith(".webp") ? "image/webp" : "video/mp4",
    sizeBytes: fileName === "video_1.mp4" ? 4_200_000 : null,
    url: link(fileName),
  }));
  return {
    ...sampleJob,
    jobId,
    type: "video-generation",
    status: opts.running ? "running" : "completed",
    progress: opts.running ? 40 : 100,
    costUsd: 0.28,
    input,
    parent: operation === "animate" ? { jobId: "s", image: 1, prompt } : null,
    versions: opts.running
      ? []
      : [
          {
            version: 1,
            video: {
              s3Key: `generated-videos/u/${jobId}/video_1.mp4`,
              url: link("video_1.mp4"),
              sizeBytes: 4_200_000,
              contentType: "video/mp4",
              width: 720,
              height: 720,
              duration: 5.04,
              codec: "h264",
            },
            posterUrl: link("video_1.webp"),
            previewUrl: link("video_1_preview.mp4"),
            endpoint: "fal-ai/kling-video/v2.1/standard/image-to-video",
            billedSeconds: 5,
          },
        ],
    files: opts.running ? [] : files,
  } as unknown as PublicJob;
}

const slackCheck = { channel: "C0GENERAL", canFetch: () => false, file: () => undefined };
type Button = { type: number; style?: number; custom_id?: string; label?: string; url?: string };
const buttonsOf = (job: PublicJob, locale: (typeof chatLocales)[number] = "en") =>
  (toDiscordMessage(jobReply(job, { locale })).components as unknown as Array<{ components: Button[] }>).flatMap((r) => r.components);

describe("a video result in chat", () => {
  it("in en, de and fr, for an animate, an extend and a text-to-video: passes the Discord and Slack fakes' checks", async () => {
    for (const locale of chatLocales)
      for (const operation of ["animate", "extend", undefined] as const) {
        const reply = jobReply(videoResult(operation), { locale, requester: "300000000000000001" });
        const what = `${operation ?? "text-to-video"} (${locale})`;
        expect(messageRefusal(toDiscordMessage(reply) as never), what).toBeUndefined();
        expect(await checkBlocks(toSlackMessage(reply, { images: false }).blocks, slackCheck), what).toEqual([]);
      }
  });

  it("shows the clip's length, model, motion, size and cost, its poster, and Extend, Animate again, Download in one row", () => {
    const reply = jobReply(videoResult("animate"), { locale: "en" });
    expect(reply.title.startsWith("Animate: a lighthouse")).toBe(true);
    expect(reply.lines).toEqual(["Your clip is ready (5 s)."]);
    expect(reply.fields).toEqual(
      expect.arrayContaining([
        { name: "Duration", value: "5 s" },
        { name: "Model", value: "Kling 2.1 (standard)" },
        { name: "Motion", value: "High" },
        { name: "Size", value: "720×720" },
        { name: "Cost", value: "$0.28" },
      ]),
    );
    expect(reply.images).toEqual([expect.objectContaining({ url: link("video_1.webp") })]);
    const message = toDiscordMessage(reply);
    expect(message.components).toHaveLength(1);
    const buttons = buttonsOf(videoResult("animate"));
    expect(buttons.map((b) => b.label)).toEqual(["Extend", "Animate again", "Download", "Send to DM", "Delete"]);
    expect(buttons.map((b) => b.custom_id)).toEqual([
      `job:extend:${jobId}`,
      `job:animate-again:${jobId}`,
      undefined,
      `job:dm:${jobId}`,
      `job:delete:${jobId}`,
    ]);
    // Download is a link button to the clip's /d/ link: Discord sends no click for it.
    expect(buttons[2]).toMatchObject({ style: 5, url: link("video_1.mp4") });
    expect(JSON.stringify(message)).toContain("video_1.mp4");
    // Slack: the same link, its click acked under its own id.
    const slack = JSON.stringify(toSlackMessage(reply).blocks);
    expect(slack).toContain(`"action_id":"${downloadButtonId(jobId)}"`);
    expect(slack).toContain(`"url":"${link("video_1.mp4")}"`);
    // A text-to-video is made again, not animated; an extend says so in its title.
    expect(buttonsOf(videoResult(undefined)).map((b) => b.label)[1]).toBe("Make again");
    expect(jobReply(videoResult("extend"), { locale: "de" }).title.startsWith("Verlängerung")).toBe(true);
    expect(jobReply(videoResult(undefined), { locale: "fr" }).fields?.map((f) => f.name)).not.toContain("Mouvement");
  });

  it("failed, canceled or refused, in en, de and fr, with the longest prompt and a provider's long reason: within both platforms' limits, Try again on a failure", async () => {
    // A provider's validation detail can run long; the job keeps it whole.
    const reason = `fal answered 422: ${"input.image_url: the picture's aspect ratio is outside 1:2.5 to 2.5:1; ".repeat(80)}`;
    const ended = [
      { status: "failed", error: { code: "PROVIDER_REFUSED", message: reason } },
      { status: "failed", error: { code: "CONTENT_POLICY", message: "the provider refused the prompt (content policy)" } },
      { status: "canceled", error: { code: "CANCELED", message: reason } },
      { status: "canceled", error: null },
    ];
    for (const locale of chatLocales)
      for (const operation of ["animate", "extend", undefined] as const)
        for (const end of ended) {
          const job = { ...videoResult(operation, { running: true }), ...end, costUsd: null } as unknown as PublicJob;
          const reply = jobReply(job, { locale, requester: "300000000000000001" });
          const what = `${operation ?? "text-to-video"} ${end.status} ${end.error?.code ?? ""} (${locale})`;
          expect(messageRefusal(toDiscordMessage(reply) as never), what).toBeUndefined();
          expect(await checkBlocks(toSlackMessage(reply, { images: false }).blocks, slackCheck), what).toEqual([]);
          expect(reply.buttons?.map((b) => b.id) ?? [], what).toEqual(end.status === "failed" ? [`job:retry:${jobId}`] : []);
        }
  });

  it("while it runs: progress and Cancel, as an image job's", () => {
    const reply = jobReply(videoResult("animate", { running: true }), { locale: "en" });
    expect(reply.tone).toBe("progress");
    expect(reply.lines.join()).toMatch(/40%/);
    expect(reply.buttons?.map((b) => b.id)).toEqual([`job:cancel:${jobId}`]);
  });

  it("its button ids and a picture's Animate parse back to the job they name", () => {
    expect(parseJobButton(`job:extend:${jobId}`)).toEqual({ action: "extend", jobId });
    expect(parseJobButton(`job:animate-again:${jobId}`)).toEqual({ action: "animate-again", jobId });
    expect(parseJobButton(`job:animate-low:${jobId}:4`)).toEqual({ action: "animate-low", jobId, image: 4 });
    expect(parseJobButton(`job:animate-high:${jobId}:1`)).toEqual({ action: "animate-high", jobId, image: 1 });
    expect(parseJobButton(`job:animate-high:${jobId}:5`)).toBeUndefined();
    expect(parseJobButton(`job:extend:${jobId}:1`)).toBeUndefined();
    expect(parseJobButton(downloadButtonId(jobId))).toBeUndefined();
  });

  it("every text of video-buttons.ts, in en, de and fr, within Slack's 75 characters (Discord takes 80 and 100)", () => {
    for (const locale of chatLocales) {
      const t = videoButtonsText[locale];
      const texts = [
        ...Object.values(t.buttons.animate),
        ...Object.values(t.menu.animate).map((l) => `4: ${l}`),
        ...Object.values(t.titles),
        t.clipReady("10.0 s"),
        ...Object.values(t.fields),
        ...Object.values(t.motions),
        ...Object.values(t.result),
      ];
      for (const text of texts) {
        expect(text.length, `${locale}: ${text}`).toBeGreaterThan(0);
        expect(text.length, `${locale}: ${text}`).toBeLessThanOrEqual(75);
      }
      // No English left in German and French, but for the words the languages share.
      if (locale !== "en")
        for (const [key, value] of Object.entries(t.result))
          expect(value, `${locale} ${key}`).not.toBe(videoButtonsText.en.result[key as "extend"]);
    }
  });
});

describe("what a Slack video result uploads", () => {
  const clipJob = (sizeBytes: number, poster = true) =>
    ({
      jobId,
      versions: [
        {
          version: 1,
          video: { s3Key: "v/video_1.mp4", sizeBytes, contentType: "video/mp4", width: 720, height: 720, duration: 5, codec: "h264" },
          ...(poster ? { posterKey: "v/video_1.webp" } : {}),
          endpoint: "fal-ai/kling-video/v2.1/standard/image-to-video",
          billedSeconds: 5,
        },
      ],
    }) as unknown as JobDocument;

  it("the MP4 up to 100 MiB, played in the thread with no poster in the message; past it the poster, shown as the message's picture", () => {
    const MiB = 1024 * 1024;
    expect([uploadsClip(clipJob(4 * MiB)), hasPictures(clipJob(4 * MiB)), carriesFiles(clipJob(4 * MiB))]).toEqual([true, false, true]);
    expect([uploadsClip(clipJob(100 * MiB)), hasPictures(clipJob(100 * MiB))]).toEqual([true, false]);
    expect([uploadsClip(clipJob(100 * MiB + 1)), hasPictures(clipJob(100 * MiB + 1))]).toEqual([false, true]);
    // A clip without a poster over the bound has no picture to show: its link alone.
    expect(hasPictures(clipJob(200 * MiB, false))).toBe(false);
    expect(uploadsClip({ ...clipJob(MiB), deletedAt: new Date() } as JobDocument)).toBe(false);
  });
});
