import { z } from "zod";
import { deliveryRequest } from "../chat/delivery.js";
import { visibility } from "../db/mongo/job-schema.js";
import { isLanguageCode } from "./language-codes.js";
import { isTranslationLanguage } from "./translation-languages.js";
import { imageModels, imageSizes, limits } from "./limits.js";
import { imageOperations, operationIssues } from "./operation-rules.js";
import { transcriptionIssues, transcriptionLimits } from "./transcription-rules.js";
import { videoIssues, videoModels, videoMotions, videoOperations, videoResolutions } from "./video-endpoints.js";

/**
 * What a job of each type takes: the one description that the API validates, the workers parse
 * stored inputs with, and the bots and the CLI announce and check before they call the API.
 * Its bounds and the size and model choices are in limits.ts.
 */

export { type ImageOperation, imageOperations } from "./operation-rules.js";
export { type ImageModel, type ImageSize, imageModels, imageSizes, limits } from "./limits.js";
/** How far a variation strays from its source: image-to-image strength (see image-endpoints.ts). */
export const variationStrengths = ["strong", "subtle"] as const;
export const upscaleFactors = [2, 4] as const;
export const panDirections = ["left", "right", "up", "down"] as const;
/** What a reference picture gives a generation: its style, its subject (a character), or its composition. */
export const referenceRoles = ["style", "subject", "composition"] as const;
export type ReferenceRole = (typeof referenceRoles)[number];
/** The aspect ratios FLUX Kontext takes (@fal-ai/client's aspect_ratio): a blend's, a reference generation's. */
export const kontextAspectRatios = ["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"] as const;
export type PanDirection = (typeof panDirections)[number];
/** The frame's shape a zoom-out may ask for, as W:H with whole numbers (16:9), between 1:4 and 4:1. */
const aspectRatioPattern = /^([1-9]\d?):([1-9]\d?)$/;

const uploadKeyPattern = /^temp\/[A-Za-z0-9._@-]+\/[A-Za-z0-9._@-]+\/[A-Za-z0-9._@-]+\/[A-Za-z0-9._@-]+$/;
const triggerWordPattern = new RegExp(`^[A-Za-z0-9_-]{1,${limits.triggerWordLength}}$`);

/** Each field once; the per-type schemas below and the rerun/retrain options are made of these. */
export const fields = {
  /** A word or phrase a transcription spells as given (AssemblyAI's keyterms_prompt). */
  vocabularyTerm: z
    .string()
    .trim()
    .min(1, "a term must not be empty")
    .max(transcriptionLimits.vocabulary.length, `a term has at most ${transcriptionLimits.vocabulary.length} characters`)
    .refine(
      (t) => t.split(/\s+/).length <= transcriptionLimits.vocabulary.words,
      `a term has at most ${transcriptionLimits.vocabulary.words} words (AssemblyAI's keyterms_prompt)`,
    ),
  prompt: z.string().trim().min(1, "must not be empty").max(limits.promptLength, `must be at most ${limits.promptLength} characters`),
  imageSize: z.enum(imageSizes),
  imageModel: z.enum(imageModels),
  dimension: z
    .number()
    .int()
    .min(limits.dimension.min)
    .max(limits.dimension.max)
    .multipleOf(limits.dimension.multipleOf, "must be a multiple of 8"),
  count: z.number().int().min(limits.imageCount.min).max(limits.imageCount.max),
  /**
   * Seeds are decimal strings: fal returns seeds like 196619188014358660, which a JSON number
   * read into a double would round. A whole number within 2^53 is taken as well.
   */
  seed: z
    .union([
      z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      z
        .string()
        .trim()
        .regex(/^\d{1,20}$/, "must be a whole number"),
    ])
    .transform((v) => BigInt(v))
    .refine((v) => v >= limits.seed.min && v <= limits.seed.max, `must be a whole number from ${limits.seed.min} to ${limits.seed.max}`)
    .transform((v) => v.toString()),
  imageSteps: z.number().int().min(limits.imageSteps.min).max(limits.imageSteps.max),
  guidance: z.number().min(limits.guidance.min).max(limits.guidance.max),
  outputFormat: z.enum(["png", "jpeg"]),
  lora: z.strictObject({
    jobId: z.uuid(),
    scale: z.number().min(limits.loraScale.min).max(limits.loraScale.max).default(limits.loraScale.default),
  }),
  /** Upload keys come from assets.uploadUrl and always live under temp/. */
  uploadKey: z.string().regex(uploadKeyPattern, "must be an uploadKey returned by assets.uploadUrl"),
  mediaUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(limits.mediaUrlLength),
  /** One of AssemblyAI's codes (the SDK's TranscriptLanguageCode), such as en, en_us or haw. */
  languageCode: z.string().refine(isLanguageCode, "must be one of AssemblyAI's language codes, such as en, en_us or haw"),
  translationLanguage: z
    .string()
    .refine(isTranslationLanguage, "must be one of the target languages of AssemblyAI's Translation, such as de, fr or es"),
  triggerWord: z.string().regex(triggerWordPattern, `must be 1-${limits.triggerWordLength} letters, digits, '_' or '-'`),
  trainingSteps: z.number().int().min(limits.trainingSteps.min).max(limits.trainingSteps.max),
  trainingMode: z.enum(["style", "subject"]),
  visibility,
  idempotencyKey: z.string().min(1).max(200),
  jobId: z.string().min(1).max(64),
  /** One picture of a finished image job: its job id and its number (image_1.png is 1), in the job's latest version. */
  sourceImage: z.strictObject({ jobId: z.string().min(1).max(64), image: z.number().int().min(1).max(limits.imageCount.max) }),
  /** One clip of a finished video job: its job id and its number (video_1.mp4 is 1). */
  sourceVideo: z.strictObject({ jobId: z.string().min(1).max(64), video: z.number().int().min(1).max(1) }),
  /** A picture to work on among several (a blend's, a reference's): one of ours, an upload, or a URL. */
  pictureRef: z.union([
    z.strictObject({ jobId: z.string().min(1).max(64), image: z.number().int().min(1).max(limits.imageCount.max) }),
    z.strictObject({ uploadKey: z.string().regex(uploadKeyPattern, "must be an uploadKey returned by assets.uploadUrl") }),
    z.strictObject({ imageUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(limits.mediaUrlLength) }),
  ]),
  /** A generation's reference: a picture of ours (`source`) or an upload, its role, and how much it weighs (0-1). */
  reference: z
    .strictObject({
      source: z.strictObject({ jobId: z.string().min(1).max(64), image: z.number().int().min(1).max(limits.imageCount.max) }).optional(),
      uploadKey: z.string().regex(uploadKeyPattern, "must be an uploadKey returned by assets.uploadUrl").optional(),
      role: z.enum(referenceRoles),
      weight: z.number().min(limits.referenceWeight.min).max(limits.referenceWeight.max).optional(),
    })
    .refine((r) => (r.source === undefined) !== (r.uploadKey === undefined), { message: "give a source { jobId, image } or an uploadKey" }),
  zoomFactor: z
    .number()
    .gt(limits.zoomFactor.above, `must be more than ${limits.zoomFactor.above}`)
    .max(limits.zoomFactor.max, `must be at most ${limits.zoomFactor.max}`),
  panDirection: z.enum(panDirections),
  panAmount: z.number().min(limits.panAmount.min).max(limits.panAmount.max),
  aspectRatio: z
    .string()
    .regex(aspectRatioPattern, "must be W:H with whole numbers, such as 16:9")
    .refine((v) => {
      const [w, h] = v.split(":").map(Number);
      return (w ?? 1) / (h ?? 1) <= 4 && (h ?? 1) / (w ?? 1) <= 4;
    }, "must be between 1:4 and 4:1"),
  /**
   * The part of a picture to repaint, in the source's pixels (0,0 its top left corner):
   * rectangles, polygons (a lasso: its corners in order), or a mask uploaded as a PNG of the
   * source's size (black keeps, white repaints). Together they make one region.
   */
  region: z
    .strictObject({
      rects: z
        .array(
          z.strictObject({
            x: z.number().int().min(0),
            y: z.number().int().min(0),
            width: z.number().int().min(1),
            height: z.number().int().min(1),
          }),
        )
        .min(1)
        .max(limits.regionShapes)
        .optional(),
      polygons: z
        .array(
          z
            .array(z.tuple([z.number().min(0), z.number().min(0)]))
            .min(3, "a polygon needs at least 3 points")
            .max(limits.polygonPoints),
        )
        .min(1)
        .max(limits.regionShapes)
        .optional(),
      maskUploadKey: z.string().regex(uploadKeyPattern, "must be an uploadKey returned by assets.uploadUrl").optional(),
    })
    .refine((r) => r.rects !== undefined || r.polygons !== undefined || r.maskUploadKey !== undefined, {
      message: "give rects, polygons or maskUploadKey",
    }),
} as const;

export const imageGenerationParams = z
  .strictObject({
    type: z.literal("image-generation"),
    /** Unset: generate. */
    operation: z.enum(imageOperations).optional(),
    /** An operation's picture, one of ours: a picture of a finished image job. */
    source: fields.sourceImage.optional(),
    /** An operation's picture, the caller's own: an upload from assets.uploadUrl (PNG, JPEG or WebP). */
    uploadKey: fields.uploadKey.optional(),
    /** An operation's picture at a public http(s) URL, fetched through the SSRF guard. */
    imageUrl: fields.mediaUrl.optional(),
    /** vary: strong (default) or subtle. */
    strength: z.enum(variationStrengths).optional(),
    /** upscale: 2 (default) or 4 times wider and taller. */
    scale: z.union([z.literal(upscaleFactors[0]), z.literal(upscaleFactors[1])]).optional(),
    /** zoom-out: how many times wider and taller the frame grows, more than 1 and at most 2 (2 by default). */
    factor: fields.zoomFactor.optional(),
    /** zoom-out: the new frame's shape (W:H); unset, the source's. */
    aspectRatio: fields.aspectRatio.optional(),
    /** pan: the side the picture extends on. */
    direction: fields.panDirection.optional(),
    /** pan: how far, as a share of the source's width (left, right) or height (up, down); 0.5 by default. */
    amount: fields.panAmount.optional(),
    /** vary-region: what to repaint, in the source's pixels. */
    region: fields.region.optional(),
    /** generate: reference pictures, each with its role and weight (see image-endpoints.ts for the endpoints that take them). */
    references: z.array(fields.reference).min(1).max(limits.references.max, `takes at most ${limits.references.max} references`).optional(),
    /** blend: the pictures to blend into one, 2-4 (see limits.blendImages). */
    sources: z
      .array(fields.pictureRef)
      .min(limits.blendImages.min, `blend needs at least ${limits.blendImages.min} pictures`)
      .max(limits.blendImages.max, `blend takes at most ${limits.blendImages.max} pictures`)
      .optional(),
    prompt: fields.prompt.optional(),
    /** generate: the FLUX model by name; unset, the deployment's (FAL_MODEL). */
    model: fields.imageModel.optional(),
    imageSize: fields.imageSize.optional(),
    width: fields.dimension.optional(),
    height: fields.dimension.optional(),
    count: fields.count.default(limits.imageCount.min),
    seed: fields.seed.optional(),
    /** Only for endpoints that take them (see image-endpoints.ts); unset, the endpoint's own default. */
    steps: fields.imageSteps.optional(),
    guidance: fields.guidance.optional(),
    outputFormat: fields.outputFormat.default("png"),
    lora: fields.lora.optional(),
  })
  .refine((v) => (v.width === undefined) === (v.height === undefined), { message: "width and height go together", path: ["width"] })
  .refine((v) => !(v.imageSize && v.width), { message: "give imageSize or width/height, not both", path: ["imageSize"] })
  .superRefine((v, ctx) => {
    const operation = v.operation ?? "generate";
    for (const issue of operationIssues(v)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
    if (operation === "upscale" && v.count > 1) ctx.addIssue({ code: "custom", path: ["count"], message: "upscale makes one picture" });
    if (operation === "blend" && v.sources && v.sources.length > limits.blendImages.endpointMax)
      ctx.addIssue({
        code: "custom",
        path: ["sources"],
        message: `blend takes at most ${limits.blendImages.endpointMax} pictures: FLUX Kontext multi, which blends them, has ${limits.blendImages.endpointMax} image slots`,
      });
    if (operation === "blend" && v.aspectRatio && !(kontextAspectRatios as readonly string[]).includes(v.aspectRatio))
      ctx.addIssue({ code: "custom", path: ["aspectRatio"], message: `blend takes one of ${kontextAspectRatios.join(", ")}` });
    if (operation === "generate" && v.aspectRatio && !v.references)
      ctx.addIssue({
        code: "custom",
        path: ["aspectRatio"],
        message: "a generation takes aspectRatio with references; without them, imageSize or width/height",
      });
    if (operation === "describe" && v.count > 1)
      ctx.addIssue({ code: "custom", path: ["count"], message: "describe answers one set of 4 prompts" });
    if (operation === "vary" && v.steps !== undefined && (v.steps < limits.varySteps.min || v.steps > limits.varySteps.max))
      ctx.addIssue({
        code: "custom",
        path: ["steps"],
        message: `a variation takes ${limits.varySteps.min}-${limits.varySteps.max} steps (fal-ai/flux/dev/image-to-image)`,
      });
  });

const { speakersExpected, speakerNames, vocabulary } = transcriptionLimits;

export const transcriptionParams = z
  .strictObject({
    type: z.literal("transcription"),
    audioUrl: fields.mediaUrl.optional(),
    uploadKey: fields.uploadKey.optional(),
    /** The recording's language (an AssemblyAI code); unset, AssemblyAI detects it. */
    language: fields.languageCode.optional(),
    /** How many people speak (speakers_expected); tells the speakers apart. */
    speakersExpected: z
      .number()
      .int()
      .min(speakersExpected.min, `must be ${speakersExpected.min}-${speakersExpected.max} (AssemblyAI's speakers_expected)`)
      .max(speakersExpected.max, `must be ${speakersExpected.min}-${speakersExpected.max} (AssemblyAI's speakers_expected)`)
      .optional(),
    /** The speakers' names, for AssemblyAI's Speaker Identification: "Speaker A" becomes one of them. */
    speakerNames: z
      .array(
        z
          .string()
          .trim()
          .min(1, "a name must not be empty")
          .max(speakerNames.length, `a name has at most ${speakerNames.length} characters`),
      )
      .min(1)
      .max(speakerNames.max, `at most ${speakerNames.max} names`)
      .optional(),
    /** Words and phrases to spell as given (keyterms_prompt), on top of the team's own vocabulary. */
    vocabulary: z
      .array(fields.vocabularyTerm)
      .max(vocabulary.max, `at most ${vocabulary.max} terms (AssemblyAI's keyterms_prompt on Universal-2)`)
      .optional(),
    /** Replace names, phone numbers, emails, card numbers … with [PERSON_NAME]-style tokens, in the text and the audio. */
    redactPii: z.boolean().optional(),
    /** A language to translate the transcript into (one of AssemblyAI Translation's target languages), as transcript.<lang>.txt/.srt/.vtt beside the original. */
    translateTo: fields.translationLanguage.optional(),
    /** Meeting notes (summary, action items, decisions, chapters) after the transcript; unset, on unless the team turned them off. */
    notes: z.boolean().optional(),
    /** Older names, still taken: speakerLabels (unset or false: one speaker), languageCode (use `language`), languageDetection. */
    speakerLabels: z.boolean().optional(),
    languageCode: fields.languageCode.optional(),
    languageDetection: z.boolean().optional(),
  })
  .refine((v) => (v.audioUrl === undefined) !== (v.uploadKey === undefined), {
    message: "give exactly one of audioUrl or uploadKey",
    path: ["audioUrl"],
  })
  .superRefine((v, ctx) => {
    for (const issue of transcriptionIssues(v)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  });

/** A clip: a picture animated (`operation: "animate"`), or one made from a prompt; which endpoint takes what is in video-endpoints.ts. */
export const videoGenerationParams = z
  .strictObject({
    type: z.literal("video-generation"),
    /** Unset: text-to-video. */
    operation: z.enum(videoOperations).optional(),
    /** animate: a picture of a finished image job; extend: a clip of a finished video job ({ jobId, video }, video_1.mp4 is 1). */
    source: z.union([fields.sourceImage, fields.sourceVideo]).optional(),
    /** animate: the caller's own picture, an upload from assets.uploadUrl (PNG, JPEG or WebP). */
    uploadKey: fields.uploadKey.optional(),
    /** animate: the clip's last frame, where the endpoint takes one (kling-2.5-turbo, hailuo-02). */
    endFrame: fields.pictureRef.optional(),
    /** animate: how much moves (low by default), asked for in the prompt. */
    motion: z.enum(videoMotions).optional(),
    /** text-to-video: what the clip shows; animate: what happens (unset, the source's prompt). */
    prompt: fields.prompt.optional(),
    /** The model by name; unset, the mode's first (kling-2.1 to animate, kling-2.5-turbo from text). */
    model: z.enum(videoModels).optional(),
    /** Seconds, one the endpoint makes (Kling 5 or 10, Hailuo 6 or 10); unset, the endpoint's default. */
    duration: z.number().int().min(1).max(60).optional(),
    /** text-to-video on Kling: 16:9 (default), 9:16 or 1:1. */
    aspectRatio: fields.aspectRatio.optional(),
    /** Hailuo 02 animate: 512P or 768P (default). */
    resolution: z.enum(videoResolutions).optional(),
  })
  .superRefine((v, ctx) => {
    for (const issue of videoIssues(v)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  });

export const loraTrainingParams = z
  .strictObject({
    type: z.literal("lora-training"),
    imagesZipKey: fields.uploadKey.optional(),
    imageKeys: z
      .array(fields.uploadKey)
      .min(limits.trainingImages.min, `needs at least ${limits.trainingImages.min} images`)
      .max(limits.trainingImages.max)
      .optional(),
    videoKey: fields.uploadKey.optional(),
    triggerWord: fields.triggerWord,
    steps: fields.trainingSteps.default(limits.trainingSteps.default),
    mode: fields.trainingMode.default("subject"),
  })
  .refine((v) => [v.imagesZipKey, v.imageKeys, v.videoKey].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of imagesZipKey, imageKeys or videoKey",
    path: ["imagesZipKey"],
  });

/** What a job stores as its `input` and a worker runs: the parameters, without how it was asked for. */
export const jobParams = z.discriminatedUnion("type", [
  imageGenerationParams,
  transcriptionParams,
  loraTrainingParams,
  videoGenerationParams,
]);
export type JobParams = z.infer<typeof jobParams>;
export type ImageGenerationParams = z.infer<typeof imageGenerationParams>;
export type PictureRef = z.infer<typeof fields.pictureRef>;
export type Reference = z.infer<typeof fields.reference>;
export type TranscriptionParams = z.infer<typeof transcriptionParams>;
export type LoraTrainingParams = z.infer<typeof loraTrainingParams>;
export type VideoGenerationParams = z.infer<typeof videoGenerationParams>;

/** How a job is asked for: who sees it, a key that makes a retried request return the same job, and (bots only) where it reports back. */
const requestOptions = {
  visibility: fields.visibility.default("workspace"),
  /** The same key from the same caller returns the first job instead of making another. */
  idempotencyKey: fields.idempotencyKey.optional(),
  /** Chat bots only: the channel (and interaction) that progress and the result go to. */
  delivery: deliveryRequest.optional(),
};

/** `jobs.create`'s input: a job's parameters and how it is asked for. */
export const createJobInput = z.discriminatedUnion("type", [
  imageGenerationParams.safeExtend(requestOptions),
  transcriptionParams.safeExtend(requestOptions),
  loraTrainingParams.safeExtend(requestOptions),
  videoGenerationParams.safeExtend(requestOptions),
]);
export type CreateJobInput = z.infer<typeof createJobInput>;
/** What a caller sends, before defaults: the TypeScript client's and the CLI's type. */
export type CreateJobInputRaw = z.input<typeof createJobInput>;

/** `jobs.rerun`: the original's parameters, with a new seed or count for image generation. */
export const rerunJobInput = z.strictObject({
  jobId: fields.jobId,
  /** A new seed for image generation; omitted keeps the original one (or none). */
  seed: fields.seed.optional(),
  /** Variations: the same prompt with another image count. */
  count: fields.count.optional(),
  idempotencyKey: fields.idempotencyKey.optional(),
  /** Chat bots only: where the new job reports back. */
  delivery: deliveryRequest.optional(),
});
export type RerunJobInput = z.infer<typeof rerunJobInput>;

/** `jobs.retrain`: a completed LoRA trained again as its next version. */
export const retrainJobInput = z.strictObject({
  jobId: fields.jobId,
  /** Training steps for the new version; omitted keeps the last run's. */
  steps: fields.trainingSteps.optional(),
});
export type RetrainJobInput = z.infer<typeof retrainJobInput>;

/** Any string is accepted as an id: one that names nothing answers like one the caller may not see. */
export const jobIdInput = z.strictObject({ jobId: fields.jobId });
