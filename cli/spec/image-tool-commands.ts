import { kontextAspectRatios, limits } from "../../shared/jobs/input.js";
import { submitFlags } from "./job-commands.js";
import type { Command, Flag } from "./types.js";

/** The commands that work on pictures of ours or of this machine: describe, blend, zoom, pan, vary-region. */

const picture = "<file | jobId[:n]>";

const prompt = (help: string): Flag => ({ name: "prompt", kind: "string", value: "<text>", help, field: "prompt" });

const fillTuning: readonly Flag[] = [
  { name: "count", short: "n", kind: "int", value: "<n>", help: `pictures to make (1-${limits.imageCount.max})`, field: "count" },
  { name: "seed", kind: "string", value: "<n>", help: "a whole number from 0 to 2^64-1, to make the same picture again", field: "seed" },
  {
    name: "format",
    kind: "string",
    value: "<png|jpeg>",
    choices: ["png", "jpeg"],
    help: "the files' format (default png)",
    field: "outputFormat",
  },
];

export const imageToolCommands: readonly Command[] = [
  {
    path: ["describe"],
    args: picture,
    positionals: [1, 1],
    fileArgs: true,
    summary: "4 prompts that would make a picture, and its aspect ratio",
    via: "api",
    flags: submitFlags,
  },
  {
    path: ["blend"],
    args: `${picture} ${picture}…`,
    positionals: [limits.blendImages.min, limits.blendImages.endpointMax],
    fileArgs: true,
    summary: `${limits.blendImages.min}-${limits.blendImages.endpointMax} pictures blended into one`,
    via: "api",
    flags: [
      prompt("what to make of them (default: one picture that blends them)"),
      {
        name: "aspect-ratio",
        kind: "string",
        value: "<W:H>",
        choices: kontextAspectRatios,
        help: `the result's shape: ${kontextAspectRatios.join(", ")}`,
        field: "aspectRatio",
      },
      ...fillTuning,
      {
        name: "guidance",
        kind: "number",
        value: "<n>",
        help: `how closely to follow the prompt (${limits.guidance.min}-${limits.guidance.max})`,
        field: "guidance",
      },
      ...submitFlags,
    ],
  },
  {
    path: ["zoom"],
    args: picture,
    positionals: [1, 1],
    fileArgs: true,
    summary: "a picture zoomed out: the frame grows around it and the new part is painted",
    via: "api",
    flags: [
      {
        name: "factor",
        kind: "number",
        value: "<n>",
        offers: ["1.5", "2"],
        help: `how many times wider and taller the frame grows (more than ${limits.zoomFactor.above}, at most ${limits.zoomFactor.max}; default ${limits.zoomFactor.default})`,
        field: "factor",
      },
      prompt("what the new part shows (default: the source job's prompt)"),
      {
        name: "aspect-ratio",
        kind: "string",
        value: "<W:H>",
        help: "the new frame's shape (default: the picture's)",
        field: "aspectRatio",
      },
      ...fillTuning,
      ...submitFlags,
    ],
  },
  {
    path: ["pan"],
    args: picture,
    positionals: [1, 1],
    fileArgs: true,
    summary: "a picture extended on one side (--left, --right, --up or --down)",
    via: "api",
    flags: [
      { name: "left", kind: "boolean", help: "extend the left side" },
      { name: "right", kind: "boolean", help: "extend the right side" },
      { name: "up", kind: "boolean", help: "extend the top" },
      { name: "down", kind: "boolean", help: "extend the bottom" },
      {
        name: "amount",
        kind: "number",
        value: "<n>",
        help: `how far, as a share of the picture's width or height (${limits.panAmount.min}-${limits.panAmount.max}, default ${limits.panAmount.default})`,
        field: "amount",
      },
      prompt("what the new part shows (default: the source job's prompt)"),
      ...fillTuning,
      ...submitFlags,
    ],
  },
  {
    path: ["vary-region"],
    args: picture,
    positionals: [1, 1],
    fileArgs: true,
    summary: "a region of a picture repainted: a mask or rectangles, and a prompt",
    via: "api",
    flags: [
      {
        name: "mask",
        kind: "string",
        value: "<mask.png>",
        files: true,
        help: "a PNG of the picture's size: black keeps, white repaints",
        field: "region.maskUploadKey",
      },
      {
        name: "rect",
        kind: "string",
        value: "<x,y,w,h>",
        repeatable: true,
        help: "a rectangle to repaint, in the picture's pixels (repeatable)",
        field: "region.rects",
      },
      prompt("what to paint in the region (required)"),
      ...fillTuning,
      ...submitFlags,
    ],
  },
];
