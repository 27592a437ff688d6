import { z } from "zod";
import { toolInputSchemas } from "./tool-schemas.js";
import { videoInputSchemas } from "./video.js";

/**
 * The input schema of each fal endpoint the project calls, as the emulator enforces it: fields
 * and bounds from fal's model pages and @fal-ai/client's endpoint types (FluxProV11Input,
 * FluxDevInput, FluxSchnellInput, FluxLoraInput, FluxLoraFastTrainingInput). A refusal is a 422
 * whose `detail[]` holds pydantic's errors (fal's apps are FastAPI apps with pydantic models, and
 * @fal-ai/client's ValidationError reads that shape).
 *
 * Every schema is strict, and that is the emulator's own rule: fal's docs do not say that a field
 * an endpoint does not know is refused (pydantic ignores extra fields unless a model forbids
 * them), so fal may well accept and drop one. Refusing it here makes a misspelled or misplaced
 * option fail a test rather than be paid for without effect.
 */

const imageSize = z.union([
  z.enum(["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"]),
  z.strictObject({ width: z.number().int().min(1).max(14142), height: z.number().int().min(1).max(14142) }),
]);
/** Seeds arrive as exact decimal text (see parseExact): any non-negative integer that fits 64 bits. */
const seed = z
  .string()
  .regex(/^\d{1,20}$/, "Input should be a valid integer")
  .refine((s) => BigInt(s) <= 18_446_744_073_709_551_615n, "Input should be less than 2^64");

const flux = {
  prompt: z.string().min(1),
  image_size: imageSize.optional(),
  num_images: z.number().int().min(1).max(4).optional(),
  seed: seed.optional(),
  sync_mode: z.boolean().optional(),
  output_format: z.enum(["jpeg", "png"]).optional(),
};
const tuning = {
  num_inference_steps: z.number().int().min(1).max(50).optional(),
  guidance_scale: z.number().min(1).max(20).optional(),
  enable_safety_checker: z.boolean().optional(),
};

export const falInputSchemas = {
  "fal-ai/flux-pro/v1.1": z.strictObject({
    ...flux,
    safety_tolerance: z.enum(["1", "2", "3", "4", "5", "6"]).optional(),
    enhance_prompt: z.boolean().optional(),
  }),
  "fal-ai/flux/dev": z.strictObject({ ...flux, ...tuning, acceleration: z.enum(["none", "regular", "high"]).optional() }),
  // FLUX.1 [schnell] is distilled to a few steps: its page allows 1-12 (4 by default).
  "fal-ai/flux/schnell": z.strictObject({
    ...flux,
    ...tuning,
    num_inference_steps: z.number().int().min(1).max(12).optional(),
    acceleration: z.enum(["none", "regular", "high"]).optional(),
  }),
  "fal-ai/flux-lora": z.strictObject({
    ...flux,
    ...tuning,
    acceleration: z.enum(["none", "regular"]).optional(),
    loras: z
      .array(z.strictObject({ path: z.string().min(1), scale: z.number().min(0).max(4).optional(), force: z.boolean().optional() }))
      .max(5)
      .optional(),
  }),
  // The pictures an operation works on arrive as URLs fal downloads (or data URIs).
  "fal-ai/esrgan": z.strictObject({
    image_url: z.string().min(1),
    scale: z.number().min(1).max(8).optional(),
    tile: z.number().int().min(0).optional(),
    face: z.boolean().optional(),
    model: z
      .enum([
        "RealESRGAN_x4plus",
        "RealESRGAN_x2plus",
        "RealESRGAN_x4plus_anime_6B",
        "RealESRGAN_x4_v3",
        "RealESRGAN_x4_wdn_v3",
        "RealESRGAN_x4_anime_v3",
      ])
      .optional(),
    output_format: z.enum(["png", "jpeg"]).optional(),
  }),
  "fal-ai/flux/dev/image-to-image": z.strictObject({
    image_url: z.string().min(1),
    prompt: z.string().min(1),
    strength: z.number().min(0.01).max(1).optional(),
    num_images: z.number().int().min(1).max(4).optional(),
    seed: seed.optional(),
    sync_mode: z.boolean().optional(),
    output_format: z.enum(["jpeg", "png"]).optional(),
    ...tuning,
    // Its model page (fal.ai/models/fal-ai/flux-1/dev/image-to-image): num_inference_steps "Range: 10-50", 40 by default.
    num_inference_steps: z.number().int().min(10).max(50).optional(),
    acceleration: z.enum(["none", "regular", "high"]).optional(),
  }),
  "fal-ai/flux-pro/kontext": z.strictObject({
    image_url: z.string().min(1),
    prompt: z.string().min(1),
    num_images: z.number().int().min(1).max(4).optional(),
    seed: seed.optional(),
    guidance_scale: z.number().min(1).max(20).optional(),
    sync_mode: z.boolean().optional(),
    output_format: z.enum(["jpeg", "png"]).optional(),
    safety_tolerance: z.enum(["1", "2", "3", "4", "5", "6"]).optional(),
    enhance_prompt: z.boolean().optional(),
    aspect_ratio: z.enum(["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"]).optional(),
  }),
  "fal-ai/flux-lora-fast-training": z.strictObject({
    images_data_url: z.string().min(1),
    trigger_word: z.string().optional(),
    create_masks: z.boolean().optional(),
    steps: z.number().int().min(1).max(10_000).optional(),
    is_style: z.boolean().optional(),
    is_input_format_already_preprocessed: z.boolean().optional(),
    data_archive_format: z.string().optional(),
  }),
  ...toolInputSchemas,
  ...videoInputSchemas,
} as const;

export type FalEndpoint = keyof typeof falInputSchemas;
export const isFalEndpoint = (id: string): id is FalEndpoint => id in falInputSchemas;

/** One pydantic error, as fal's 422 lists them. */
export interface PydanticError {
  loc: Array<string | number>;
  msg: string;
  type: string;
}

/** zod's issues in pydantic's words (the `type`s a FastAPI app answers). */
export function pydanticErrors(error: z.ZodError): PydanticError[] {
  return error.issues.flatMap((issue): PydanticError[] => {
    const at = ["body", ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    switch (issue.code) {
      case "unrecognized_keys":
        return issue.keys.map((key) => ({ loc: [...at, key], msg: "Extra inputs are not permitted", type: "extra_forbidden" }));
      case "invalid_type":
        return [
          issue.input === undefined
            ? { loc: at, msg: "Field required", type: "missing" }
            : { loc: at, msg: `Input should be a valid ${issue.expected}`, type: `${issue.expected}_type` },
        ];
      case "too_big":
        if (issue.origin === "array")
          return [{ loc: at, msg: `List should have at most ${issue.maximum} items after validation`, type: "too_long" }];
        return [{ loc: at, msg: `Input should be less than or equal to ${issue.maximum}`, type: "less_than_equal" }];
      case "too_small":
        if (issue.origin === "array")
          return [{ loc: at, msg: `List should have at least ${issue.minimum} item after validation`, type: "too_short" }];
        return [
          {
            loc: at,
            msg:
              issue.origin === "string"
                ? "String should have at least 1 character"
                : `Input should be greater than or equal to ${issue.minimum}`,
            type: issue.origin === "string" ? "string_too_short" : "greater_than_equal",
          },
        ];
      case "invalid_value":
        return [{ loc: at, msg: `Input should be ${issue.values.map((v) => `'${String(v)}'`).join(", ")}`, type: "enum" }];
      default:
        return [{ loc: at, msg: issue.message, type: "value_error" }];
    }
  });
}

/**
 * The request body with every integer kept as its source text where a double would round it:
 * the emulator must see the seed a client sent, digit for digit, as fal's Python does.
 */
export function parseExact(text: string): unknown {
  return JSON.parse(text, (key, v: unknown, context?: { source?: string }) =>
    key === "seed" && typeof v === "number" && Number.isInteger(v) && context?.source !== undefined && /^\d+$/.test(context.source)
      ? context.source
      : v,
  );
}
