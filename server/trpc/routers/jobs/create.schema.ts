import { z } from "zod";
import { deliveryRequest } from "../../../../shared/chat/delivery.js";

import { MAX_PROMPT_LENGTH } from "../../../../shared/limits.js";

export { MAX_PROMPT_LENGTH };

/** Upload keys come from assets.uploadUrl and always live under temp/. */
export const uploadKey = z.string().regex(/^temp\/[A-Za-z0-9._@-]+\/[A-Za-z0-9._@-]+\/[A-Za-z0-9._@-]+$/, "must be an uploadKey returned by assets.uploadUrl");

const mediaUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048);

const common = {
  visibility: z.enum(["workspace", "private"]).default("workspace"),
  /** The same key from the same caller returns the first job instead of making another. */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** Chat bots only: the channel (and interaction) that progress and the result go to. */
  delivery: deliveryRequest.optional(),
};

export const imageSizes = ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"] as const;

const dimension = z.number().int().min(256).max(2048).multipleOf(8, "must be a multiple of 8");

export const imageGenerationInput = z
  .object({
    type: z.literal("image-generation"),
    prompt: z.string().trim().min(1, "must not be empty").max(MAX_PROMPT_LENGTH, `must be at most ${MAX_PROMPT_LENGTH} characters`),
    imageSize: z.enum(imageSizes).optional(),
    width: dimension.optional(),
    height: dimension.optional(),
    count: z.number().int().min(1).max(4).default(1),
    seed: z.number().int().min(0).max(4_294_967_295).optional(),
    steps: z.number().int().min(1).max(50).default(28),
    guidance: z.number().min(1).max(20).default(3.5),
    outputFormat: z.enum(["png", "jpeg"]).default("png"),
    lora: z.object({ jobId: z.uuid(), scale: z.number().min(0).max(2).default(1) }).optional(),
    ...common,
  })
  .refine((v) => (v.width === undefined) === (v.height === undefined), { message: "width and height go together", path: ["width"] })
  .refine((v) => !(v.imageSize && v.width), { message: "give imageSize or width/height, not both", path: ["imageSize"] });

export const transcriptionInput = z
  .object({
    type: z.literal("transcription"),
    audioUrl: mediaUrl.optional(),
    uploadKey: uploadKey.optional(),
    speakerLabels: z.boolean().default(false),
    languageCode: z.string().regex(/^[a-z]{2}(_[a-z]{2})?$/, "must be a language code like en or en_us").optional(),
    languageDetection: z.boolean().default(true),
    ...common,
  })
  .refine((v) => (v.audioUrl === undefined) !== (v.uploadKey === undefined), {
    message: "give exactly one of audioUrl or uploadKey",
    path: ["audioUrl"],
  });

export const loraTrainingInput = z
  .object({
    type: z.literal("lora-training"),
    imagesZipKey: uploadKey.optional(),
    imageKeys: z.array(uploadKey).min(4, "needs at least 4 images").max(100).optional(),
    videoKey: uploadKey.optional(),
    triggerWord: z.string().regex(/^[A-Za-z0-9_-]{1,50}$/, "must be 1-50 letters, digits, '_' or '-'"),
    steps: z.number().int().min(100).max(10_000).default(1000),
    mode: z.enum(["style", "subject"]).default("subject"),
    ...common,
  })
  .refine((v) => [v.imagesZipKey, v.imageKeys, v.videoKey].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of imagesZipKey, imageKeys or videoKey",
    path: ["imagesZipKey"],
  });

export const createJobInput = z.discriminatedUnion("type", [imageGenerationInput, transcriptionInput, loraTrainingInput]);

export type CreateJobInput = z.infer<typeof createJobInput>;
export type CreateJobInputRaw = z.input<typeof createJobInput>;
