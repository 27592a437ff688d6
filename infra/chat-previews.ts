import { writeFileSync } from "node:fs";
import path from "node:path";
import { type DiscordMessage, toDiscordMessage } from "../shared/chat/discord-message.js";
import { jobReply } from "../shared/chat/job-reply.js";
import { type SlackMessage, toSlackMessage } from "../shared/chat/slack-message.js";
import type { PublicJob } from "../shared/jobs/view.js";
import { DISCORD_CSS, discordMessageHtml } from "./chat-render/discord.js";
import { esc } from "./chat-render/html.js";
import { SLACK_CSS, slackMessageHtml } from "./chat-render/slack.js";
import { renderPicture } from "./fakes/picture.js";

/**
 * HTML renderings of one image result as each platform's payload has it (the same functions the
 * deliver worker sends through), for the README: `npm run docs:previews` writes them to
 * docs/previews/, and a test fails when they no longer match the payloads.
 */

const link = (name: string) => `https://cg.example.com/d/${name}`;

/** A finished two-picture job as the API shows it. */
export const sampleJob: PublicJob = {
  jobId: "0193a5f2-7c1e-7b3a-9d2e-5f4c3b2a1908",
  type: "image-generation",
  status: "completed",
  userId: "discord-300000000000000001",
  workspaceId: "w",
  visibility: "workspace",
  input: { type: "image-generation", prompt: "a lighthouse in fog at dusk", imageSize: "square_hd", count: 2 },
  parent: null,
  sources: [],
  speakerNames: {},
  prompts: null,
  aspectRatio: null,
  progress: 100,
  costUsd: 0.05,
  provider: { name: "fal", queuePosition: null, logs: [] },
  error: null,
  versions: [
    {
      version: 1,
      seed: "196619188014358660",
      endpoint: "fal-ai/flux-pro/v1.1",
      images: [1, 2].map((n) => ({
        url: link(`image_${n}.png`),
        s3Key: `generated-images/u/j/image_${n}.png`,
        width: 1024,
        height: 1024,
        sizeBytes: 1_482_113 + n,
        contentType: "image/png",
      })),
    },
  ],
  files: [1, 2].map((n) => ({
    fileName: `image_${n}.png`,
    version: 1,
    kind: "images",
    contentType: "image/png",
    sizeBytes: 1_482_113 + n,
    url: link(`image_${n}.png`),
  })),
  createdAt: "2026-11-30T12:00:00.000Z",
  updatedAt: "2026-11-30T12:00:04.200Z",
  startedAt: "2026-11-30T12:00:00.300Z",
  finishedAt: "2026-11-30T12:00:04.200Z",
  delivery: null,
};

/** The pictures the links stand for, inlined, so the page shows them with no server. */
const picture = (url: string) => `data:image/png;base64,${renderPicture("a lighthouse in fog at dusk", url, 160, 160).toString("base64")}`;
const asRequester = { picture, userName: () => "ann" };

const page = (title: string, body: string, css: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style></head><body>\n${body}\n</body></html>\n`;

export function discordPreview(message: DiscordMessage, alts: string[]): string {
  return page("A result on Discord", discordMessageHtml(message, alts, asRequester), DISCORD_CSS);
}

export function slackPreview(message: SlackMessage): string {
  return page("A result on Slack", slackMessageHtml(message, asRequester), SLACK_CSS);
}

/** The sample result on each platform, from the payloads the deliver worker sends. */
export function renderPreviews(): { discord: string; slack: string } {
  const discordReply = jobReply(sampleJob, { requester: "300000000000000001" });
  return {
    discord: discordPreview(
      toDiscordMessage(discordReply),
      (discordReply.images ?? []).map((i) => i.alt),
    ),
    slack: slackPreview(toSlackMessage(jobReply(sampleJob, { requester: "U0ANN" }))),
  };
}

export const PREVIEW_DIR = path.resolve(import.meta.dirname, "../docs/previews");

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { discord, slack } = renderPreviews();
  writeFileSync(path.join(PREVIEW_DIR, "discord-result.html"), discord);
  writeFileSync(path.join(PREVIEW_DIR, "slack-result.html"), slack);
  process.stdout.write(`wrote ${PREVIEW_DIR}/discord-result.html and slack-result.html\n`);
}
