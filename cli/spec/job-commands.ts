import { imageModels, imageSizes, limits, referenceRoles, upscaleFactors, variationStrengths } from "../../shared/jobs/input.js";
import { chatTranslationLanguages } from "../../shared/jobs/translation-languages.js";
import { transcriptionLimits } from "../../shared/jobs/transcription-rules.js";
import type { Command, Flag } from "./types.js";

/** What every command that makes a job takes. */
export const submitFlags: readonly Flag[] = [
  { name: "private", kind: "boolean", help: "only you see the job (default: your workspace sees it)", field: "visibility" },
  {
    name: "idempotency-key",
    kind: "string",
    value: "<key>",
    help: "the same key again returns the first job instead of making another",
    field: "idempotencyKey",
  },
  { name: "no-wait", kind: "boolean", help: "print the job's id alone on stdout and return at once" },
  { name: "out", short: "o", kind: "string", value: "<dir>", files: true, help: "save the result's files into this folder" },
];

const imageId = `the picture's number in its job (1-${limits.imageCount.max}, default 1)`;
const { min: dMin, max: dMax } = limits.dimension;

const format: Flag = {
  name: "format",
  kind: "string",
  value: "<png|jpeg>",
  choices: ["png", "jpeg"],
  help: "the files' format (default png)",
  field: "outputFormat",
};

const tuning: readonly Flag[] = [
  { name: "count", short: "n", kind: "int", value: "<n>", help: `pictures to make (1-${limits.imageCount.max})`, field: "count" },
  { name: "seed", kind: "string", value: "<n>", help: "a whole number from 0 to 2^64-1, to make the same picture again", field: "seed" },
  {
    name: "guidance",
    kind: "number",
    value: "<n>",
    help: `how closely to follow the prompt (${limits.guidance.min}-${limits.guidance.max})`,
    field: "guidance",
  },
  format,
];

const steps = (range: string): Flag => ({ name: "steps", kind: "int", value: "<n>", help: `inference steps (${range})`, field: "steps" });

export const jobCommands: readonly Command[] = [
  {
    path: ["generate"],
    args: "<prompt…>",
    positionals: [1, Number.POSITIVE_INFINITY],
    summary: "make pictures from a prompt",
    via: "api",
    flags: [
      {
        name: "size",
        kind: "string",
        value: "<size>",
        offers: imageSizes,
        help: `a preset (${imageSizes.join(", ")}), WIDTHxHEIGHT such as 1024x768, or an aspect ratio such as 16:9`,
        field: "imageSize",
      },
      { name: "width", kind: "int", value: "<px>", help: `with --height: ${dMin}-${dMax}, a multiple of 8`, field: "width" },
      { name: "height", kind: "int", value: "<px>", help: `with --width: ${dMin}-${dMax}, a multiple of 8`, field: "height" },
      ...tuning,
      steps(`${limits.imageSteps.min}-${limits.imageSteps.max}, where the model takes them`),
      {
        name: "model",
        kind: "string",
        value: "<model>",
        choices: imageModels,
        help: `${imageModels.join(", ")} (default: the deployment's)`,
        field: "model",
      },
      {
        name: "lora",
        kind: "string",
        value: "<trigger word|jobId>",
        help: "a trained LoRA, by its trigger word or its training job's id",
        field: "lora.jobId",
      },
      {
        name: "lora-scale",
        kind: "number",
        value: "<n>",
        help: `the LoRA's strength (${limits.loraScale.min}-${limits.loraScale.max}, default ${limits.loraScale.default})`,
        field: "lora.scale",
      },
      {
        name: "ref",
        kind: "string",
        value: "<role=file|jobId[:n][:weight]>",
        repeatable: true,
        help: `a reference picture and its role (${referenceRoles.join(", ")}), such as style=a.png:0.6 (repeatable, up to ${limits.references.max})`,
        field: "references",
      },
      {
        name: "aspect-ratio",
        kind: "string",
        value: "<W:H>",
        help: "with --ref: the result's shape, instead of --size",
        field: "aspectRatio",
      },
      ...submitFlags,
    ],
  },
  {
    path: ["upscale"],
    args: "<jobId>",
    positionals: [1, 1],
    summary: "one picture of a finished image job, made bigger",
    via: "api",
    flags: [
      { name: "image", kind: "int", value: "<n>", help: imageId, field: "source.image" },
      {
        name: "scale",
        kind: "int",
        value: "<2|4>",
        choices: upscaleFactors.map(String),
        help: "how many times wider and taller (default 2)",
        field: "scale",
      },
      format,
      ...submitFlags,
    ],
  },
  {
    path: ["vary"],
    args: "<jobId>",
    positionals: [1, 1],
    summary: "variations of one picture of a finished image job",
    via: "api",
    flags: [
      { name: "image", kind: "int", value: "<n>", help: imageId, field: "source.image" },
      {
        name: "strength",
        kind: "string",
        value: "<strong|subtle>",
        choices: variationStrengths,
        help: "how far they stray (default strong)",
        field: "strength",
      },
      { name: "prompt", kind: "string", value: "<text>", help: "what to aim for (default: the source job's prompt)", field: "prompt" },
      ...tuning,
      steps(`${limits.varySteps.min}-${limits.varySteps.max}`),
      ...submitFlags,
    ],
  },
  {
    path: ["edit"],
    args: "<jobId> <instruction…>",
    positionals: [2, Number.POSITIVE_INFINITY],
    summary: "one picture of a finished image job, changed by an instruction (“make it night”)",
    via: "api",
    flags: [{ name: "image", kind: "int", value: "<n>", help: imageId, field: "source.image" }, ...tuning, ...submitFlags],
  },
  {
    path: ["transcribe"],
    args: "<audio or video file | http(s) URL>",
    positionals: [1, 1],
    fileArgs: true,
    summary: "a transcript of speech (MP3, M4A, OGG, WAV, FLAC, MP4, WebM, …)",
    via: "api",
    flags: [
      { name: "speakers", kind: "boolean", help: "label who speaks", field: "speakerLabels" },
      {
        name: "translate-to",
        kind: "string",
        value: "<code>",
        offers: chatTranslationLanguages,
        help: "also translate it, such as de or fr: transcript.<code>.txt, .srt, .vtt",
        field: "translateTo",
      },
      {
        name: "language",
        kind: "string",
        value: "<code>",
        help: "the language, such as en or de (default: detected)",
        field: "language",
      },
      {
        name: "speaker-count",
        kind: "int",
        value: "<n>",
        help: `how many people speak (${transcriptionLimits.speakersExpected.min}-${transcriptionLimits.speakersExpected.max})`,
        field: "speakersExpected",
      },
      {
        name: "speaker-name",
        kind: "string",
        value: "<name>",
        help: "a speaker's name, in order of speaking (Speaker A is the first); repeat for each",
        repeatable: true,
        field: "speakerNames",
      },
      {
        name: "vocabulary",
        kind: "string",
        value: "<term>",
        help: "a word or phrase to spell as given; repeat for each (the team's are added)",
        repeatable: true,
        field: "vocabulary",
      },
      {
        name: "redact-pii",
        kind: "boolean",
        help: "hide names, phone numbers, emails, card numbers … as [PERSON_NAME]",
        field: "redactPii",
      },
      { name: "no-notes", kind: "boolean", help: "no meeting notes (default: the team's setting, else on)", field: "notes" },
      ...submitFlags,
    ],
  },
  {
    path: ["translate"],
    args: "<jobId> <language>",
    positionals: [2, 2],
    summary: "a finished transcript translated, such as into de: transcript.<language>.txt, .srt, .vtt",
    via: "api",
    flags: [{ name: "no-wait", kind: "boolean", help: "return once it is asked for, without waiting for the files" }],
  },
  {
    path: ["train"],
    args: "<images.zip | video | folder of images>",
    positionals: [1, 1],
    fileArgs: true,
    summary: "a LoRA trained on pictures of a subject or a style",
    via: "api",
    flags: [
      {
        name: "trigger",
        kind: "string",
        value: "<word>",
        help: `the word that calls it in prompts (1-${limits.triggerWordLength} letters, digits, _ or -)`,
        field: "triggerWord",
      },
      {
        name: "steps",
        kind: "int",
        value: "<n>",
        help: `training steps (${limits.trainingSteps.min}-${limits.trainingSteps.max}, default ${limits.trainingSteps.default})`,
        field: "steps",
      },
      {
        name: "mode",
        kind: "string",
        value: "<subject|style>",
        choices: ["subject", "style"],
        help: "what it learns (default subject)",
        field: "mode",
      },
      ...submitFlags,
    ],
  },
];
