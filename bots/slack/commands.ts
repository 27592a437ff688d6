import { imageSizes, limits } from "../../shared/jobs/input.js";
import type { CommandHelp } from "../core/help.js";

/**
 * The Slack app's slash commands as the manifest declares them (description, usage hint), with
 * examples for /help; `slack-manifest.test.ts` keeps the manifest in step with this table.
 */
export const slackCommands = {
  generate: {
    description: "Generate images from a prompt",
    usage: `/generate <prompt> [--size ${imageSizes.join("|")}|WIDTHxHEIGHT|W:H] [--count ${limits.imageCount.min}-${limits.imageCount.max}] [--seed n] [--lora name] [--private]`,
    examples: ["/generate a lighthouse in fog --size landscape_16_9 --count 2", "/generate annstyle portrait --lora annstyle"],
  },
  transcribe: {
    description: "Transcribe a recording (a link, or a Slack file link)",
    usage: "/transcribe <link to audio/video or to a Slack file> [--speakers] [--language en] [--private]",
    examples: ["/transcribe https://example.com/talk.mp3 --speakers"],
  },
  train: {
    description: "Train a LoRA on a .zip of images or a video shared in Slack",
    usage: "/train <trigger word> <link to a Slack file: .zip of images or a video> [--private]",
    examples: ["/train annstyle <link to photos.zip shared in this channel>"],
  },
  jobs: { description: "Your recent and running jobs", usage: "/jobs", examples: ["/jobs"] },
  assets: {
    description: "The files shared in this workspace",
    usage: "/assets [images|transcripts|loras] [search words]",
    examples: ["/assets images lighthouse"],
  },
  usage: { description: "This month's jobs and estimated cost", usage: "/usage", examples: ["/usage"] },
  settings: {
    description: "This workspace's and channel's defaults for jobs",
    usage: "/settings show | set [--scope channel|team] [--size preset|clear] [--lora name|clear] [--private yes|no|clear] [--max-images n|clear] [--training everyone|admins|clear] [--budget usd|clear]",
    examples: ["/settings show", "/settings set --size landscape_16_9 --max-images 2", "/settings set --scope team --training admins"],
  },
  help: { description: "What the app does, with examples", usage: "/help", examples: ["/help"] },
} as const satisfies Record<string, Omit<CommandHelp, "name">>;

export const slackHelp: CommandHelp[] = Object.entries(slackCommands).map(([name, c]) => ({ name, ...c }));
