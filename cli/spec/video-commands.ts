import { videoModels, videoMotions, videoResolutions } from "../../shared/jobs/video-endpoints.js";
import { submitFlags } from "./job-commands.js";
import type { Command, Flag } from "./types.js";

/** The commands that make clips: animate a picture, a clip from a prompt, a clip of ours made longer. */

const picture = "<file | jobId[:n]>";

const model: Flag = {
  name: "model",
  kind: "string",
  value: "<model>",
  choices: videoModels,
  help: `${videoModels.join(", ")} (default: kling-2.1 to animate, kling-2.5-turbo from a prompt)`,
  field: "model",
};

const duration: Flag = {
  name: "duration",
  kind: "int",
  value: "<seconds>",
  offers: ["5", "6", "10"],
  help: "the clip's length, one the model makes (Kling 5 or 10, Hailuo 6 or 10; default its shortest)",
  field: "duration",
};

const resolution: Flag = {
  name: "resolution",
  kind: "string",
  value: "<resolution>",
  choices: videoResolutions,
  help: "where the model takes one (Hailuo 02 animate: 512P or 768P)",
  field: "resolution",
};

const prompt = (help: string): Flag => ({ name: "prompt", kind: "string", value: "<text>", help, field: "prompt" });

export const videoCommands: readonly Command[] = [
  {
    path: ["animate"],
    args: picture,
    positionals: [1, 1],
    fileArgs: true,
    summary: "a picture made into a short clip (video_1.mp4 and its poster)",
    via: "api",
    flags: [
      {
        name: "motion",
        kind: "string",
        value: "<low|high>",
        choices: videoMotions,
        help: "how much moves (default low)",
        field: "motion",
      },
      prompt("what happens in the clip (default: the source job's prompt)"),
      {
        name: "end-frame",
        kind: "string",
        value: picture,
        files: true,
        help: "the clip's last frame, where the model takes one (kling-2.5-turbo, hailuo-02)",
        field: "endFrame",
      },
      model,
      duration,
      resolution,
      ...submitFlags,
    ],
  },
  {
    path: ["video"],
    args: "<prompt…>",
    positionals: [1, Number.POSITIVE_INFINITY],
    summary: "a clip made from a prompt",
    via: "api",
    flags: [
      duration,
      {
        name: "aspect",
        kind: "string",
        value: "<W:H>",
        offers: ["16:9", "9:16", "1:1"],
        help: "the clip's shape, where the model takes one (Kling: 16:9, 9:16 or 1:1; default 16:9)",
        field: "aspectRatio",
      },
      resolution,
      model,
      ...submitFlags,
    ],
  },
  {
    path: ["extend"],
    args: "<jobId>",
    positionals: [1, 1],
    summary: "a clip of a finished video job continued (PixVerse)",
    via: "api",
    flags: [prompt("what happens next (default: the source job's prompt)"), duration, resolution, ...submitFlags],
  },
];
