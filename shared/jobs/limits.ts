import { longestLanguageCode } from "./language-codes.js";

/**
 * The bounds and choices of job input (re-exported by input.ts, which describes the fields):
 * apart, with no schema library and no store behind them, so the gallery's page script can read
 * them too. A bound here is the bound everywhere: chat command options read theirs from `limits`.
 */
export const limits = {
  promptLength: 2000,
  imageCount: { min: 1, max: 4 },
  /** Any unsigned 64-bit integer, as fal's FLUX endpoints take and return (often beyond 2^53). */
  seed: { min: 0n, max: 18_446_744_073_709_551_615n },
  imageSteps: { min: 1, max: 50 },
  /**
   * A variation's steps: fal-ai/flux/dev/image-to-image takes num_inference_steps 10-50 (40 by
   * default), per its model page (fal.ai/models/fal-ai/flux-1/dev/image-to-image, the schema's
   * "Range: 10-50"; @fal-ai/client's type gives no range).
   */
  varySteps: { min: 10, max: 50 },
  guidance: { min: 1, max: 20 },
  dimension: { min: 256, max: 2048, multipleOf: 8 },
  loraScale: { min: 0, max: 2, default: 1 },
  trainingSteps: { min: 100, max: 10_000, default: 1000 },
  trainingImages: { min: 4, max: 100 },
  triggerWordLength: 50,
  languageCodeLength: longestLanguageCode,
  mediaUrlLength: 2048,
  /** zoom-out: how many times wider and taller the frame grows, more than 1 and at most 2 (1.5 and 2 the usual ones). */
  zoomFactor: { above: 1, max: 2, default: 2 },
  /** pan: how far the picture extends on its side, as a share of that side's length. */
  panAmount: { min: 0.1, max: 1, default: 0.5 },
  /** vary-region: rectangles and polygons in one region, and the corners of one polygon. */
  regionShapes: 20,
  /** A generation's reference pictures (FLUX Kontext multi's 4 image slots) and a reference's weight. */
  references: { max: 4 },
  referenceWeight: { min: 0, max: 1 },
  /** blend: how many pictures, as the API names them (2-5), and how many its endpoint takes (FLUX Kontext multi: 4 image slots). */
  blendImages: { min: 2, max: 5, endpointMax: 4 },
  polygonPoints: 200,
} as const;

export const imageSizes = ["square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"] as const;
export type ImageSize = (typeof imageSizes)[number];

/**
 * The FLUX models a generation may ask for by name (fal endpoints in image-endpoints.ts); unset,
 * the deployment's FAL_MODEL. A LoRA runs on FLUX.1 [dev] whatever is asked (FAL_LORA_MODEL).
 */
export const imageModels = ["flux-pro", "flux-dev", "flux-schnell"] as const;
export type ImageModel = (typeof imageModels)[number];
