import { z } from "zod";

/**
 * The input schemas of the image tools, from @fal-ai/client's endpoint types (FluxProFillInput,
 * FluxProV11UltraReduxInput, FluxKontextMultiInput, RouterVisionInput) and the ranges fal's model
 * pages give (num_images 1-4, guidance_scale 1-20, image_prompt_strength 0-1, temperature 0-2).
 * Strict as the other endpoints are (endpoints.ts). Where fal documents no bound the emulator
 * sets one of its own and says so.
 */

const seed = z
  .string()
  .regex(/^\d{1,20}$/, "Input should be a valid integer")
  .refine((s) => BigInt(s) <= 18_446_744_073_709_551_615n, "Input should be less than 2^64");
const aspectRatios = ["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"] as const;
const image = z.string().min(1);

/** What every FLUX [pro] endpoint on fal takes besides its own fields. */
const pro = {
  num_images: z.number().int().min(1).max(4).optional(),
  seed: seed.optional(),
  sync_mode: z.boolean().optional(),
  output_format: z.enum(["jpeg", "png"]).optional(),
  safety_tolerance: z.enum(["1", "2", "3", "4", "5", "6"]).optional(),
  enhance_prompt: z.boolean().optional(),
};

/**
 * Kontext multi's image_urls: fal's page and FluxKontextMultiInput give no bound. The emulator
 * takes 1 to 4, the reference slots of Black Forest Labs' own Kontext API (input_image to
 * input_image_4), which fal's endpoint calls.
 */
const kontextMulti = z.strictObject({
  prompt: z.string().min(1),
  image_urls: z.array(image).min(1).max(4),
  aspect_ratio: z.enum(aspectRatios).optional(),
  guidance_scale: z.number().min(1).max(20).optional(),
  ...pro,
});

/** FLUX1.1 [pro] ultra's aspect_ratio is "Enum | string": a listed one, or W:H between 21:9 and 9:21 (Black Forest Labs' range). */
const ultraAspectRatio = z.string().refine((s) => {
  const m = /^(\d{1,4}):(\d{1,4})$/.exec(s);
  if (!m) return false;
  const ratio = Number(m[1]) / Number(m[2]);
  return ratio >= 9 / 21 - 1e-9 && ratio <= 21 / 9 + 1e-9;
}, "aspect_ratio should be W:H between 21:9 and 9:21");

export const toolInputSchemas = {
  "fal-ai/flux-pro/v1/fill": z.strictObject({ prompt: z.string().min(1), image_url: image, mask_url: image, ...pro }),
  "fal-ai/flux-pro/v1.1-ultra/redux": z.strictObject({
    image_url: image,
    prompt: z.string().optional(),
    image_prompt_strength: z.number().min(0).max(1).optional(),
    aspect_ratio: ultraAspectRatio.optional(),
    raw: z.boolean().optional(),
    ...pro,
  }),
  "fal-ai/flux-pro/kontext/multi": kontextMulti,
  "fal-ai/flux-pro/kontext/max/multi": kontextMulti,
  // `model` is any OpenRouter model id (vendor/name); the emulator checks only that shape.
  "openrouter/router/vision": z.strictObject({
    image_urls: z.array(image).min(1),
    prompt: z.string().min(1),
    model: z.string().regex(/^[\w.-]+\/[\w.:-]+$/, "model should be an OpenRouter model id, vendor/name"),
    system_prompt: z.string().optional(),
    reasoning: z.boolean().optional(),
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().min(1).optional(),
  }),
} as const;
