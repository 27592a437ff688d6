import type { FalImageEndpoint } from "../config.js";
import type { ImageModel } from "./input.js";

/**
 * The fal image endpoints a job can run on, and which of a job's tuning options each takes
 * (from each endpoint's input schema: @fal-ai/client's FluxProV11Input, FluxDevInput,
 * FluxSchnellInput, FluxLoraInput), with the steps an endpoint allows where fewer than the API's
 * 1-50 (FLUX.1 [schnell]: 1-12, 4 by default). The prompt, size, count, seed and format go to every one of them.
 *
 * A LoRA from the trainer (fal-ai/flux-lora-fast-training) is a FLUX.1-dev adapter, which only
 * fal-ai/flux-lora takes (`loras: [{path, scale}]`); FLUX pro has no steps, guidance or loras.
 */
export const imageEndpoints = {
  "fal-ai/flux-pro/v1.1": { takes: [] },
  "fal-ai/flux/dev": { takes: ["steps", "guidance"] },
  "fal-ai/flux/schnell": { takes: ["steps", "guidance"], maxSteps: 12 },
  "fal-ai/flux-lora": { takes: ["steps", "guidance", "lora"] },
} as const satisfies Record<FalImageEndpoint, { takes: readonly TuningOption[]; maxSteps?: number }>;

export type TuningOption = "steps" | "guidance" | "lora";
export type ImageEndpoint = FalImageEndpoint;

/** The endpoint of each model a generation may name (`model`). */
export const imageModelEndpoints: Record<ImageModel, ImageEndpoint> = {
  "flux-pro": "fal-ai/flux-pro/v1.1",
  "flux-dev": "fal-ai/flux/dev",
  "flux-schnell": "fal-ai/flux/schnell",
};

/** Which endpoint runs plain prompts, and which runs prompts with a LoRA (FAL_MODEL, FAL_LORA_MODEL). */
export interface ImageModels {
  plain: ImageEndpoint;
  lora: ImageEndpoint;
}

/** The endpoint a job runs on: a LoRA needs an endpoint that loads one; otherwise the model it names, or the deployment's. */
export function imageEndpointFor(input: { lora?: unknown; model?: ImageModel | undefined }, models: ImageModels): ImageEndpoint {
  if (input.lora !== undefined) return models.lora;
  return input.model ? imageModelEndpoints[input.model] : models.plain;
}

/** The tuning options a job asks for that its endpoint does not take: sending them would be refused, dropping them would be a lie. */
export function unsupportedOptions(input: Partial<Record<TuningOption, unknown>>, endpoint: ImageEndpoint): TuningOption[] {
  const takes: readonly TuningOption[] = imageEndpoints[endpoint].takes;
  return (["steps", "guidance", "lora"] as const).filter((o) => input[o] !== undefined && !takes.includes(o));
}

/** The most steps an endpoint takes, where it takes fewer than the API's own bound. */
function maxStepsOf(endpoint: ImageEndpoint): number | undefined {
  const e = imageEndpoints[endpoint];
  return "maxSteps" in e ? e.maxSteps : undefined;
}

/** Why a job cannot run on its endpoint, for the caller; undefined when it can. */
export function unsupportedOptionsMessage(
  input: Partial<Record<TuningOption, unknown>> & { model?: ImageModel | undefined },
  models: ImageModels,
): string | undefined {
  // LoRAs are FLUX.1 [dev] adapters: another model named beside one would be silently replaced.
  if (input.lora !== undefined && input.model !== undefined && input.model !== "flux-dev") {
    return `a LoRA runs on flux-dev (FLUX.1 [dev]), not ${input.model}; leave model out or choose flux-dev`;
  }
  const endpoint = imageEndpointFor(input, models);
  const unsupported = unsupportedOptions(input, endpoint);
  if (unsupported.length > 0) {
    const names = unsupported.join(" and ");
    return `${names} ${unsupported.length === 1 ? "is" : "are"} not supported by the image model ${endpoint}; leave ${unsupported.length === 1 ? "it" : "them"} out`;
  }
  const maxSteps = maxStepsOf(endpoint);
  if (maxSteps !== undefined && typeof input.steps === "number" && input.steps > maxSteps)
    return `steps must be at most ${maxSteps} on the image model ${endpoint}`;
  return undefined;
}

/**
 * The fal endpoints that work on one picture of a finished job (an image job's `operation`):
 * ESRGAN for upscales (the picture only), FLUX.1 dev image-to-image for variations (the source
 * and a prompt, `strength` how far to stray), FLUX.1 Kontext pro for edits (the source and an
 * instruction as its prompt). Each is typed by @fal-ai/client's input type for it.
 */
export const imageOperationEndpoints = {
  upscale: "fal-ai/esrgan",
  vary: "fal-ai/flux/dev/image-to-image",
  edit: "fal-ai/flux-pro/kontext",
  // FLUX.1 Fill [pro] inpaints and outpaints: the picture, a mask of its size (black keeps,
  // white repaints) and a prompt (@fal-ai/client's FluxProFillInput).
  "zoom-out": "fal-ai/flux-pro/v1/fill",
  pan: "fal-ai/flux-pro/v1/fill",
  "vary-region": "fal-ai/flux-pro/v1/fill",
  // FLUX.1 Kontext [pro] with several pictures (@fal-ai/client's FluxProKontextMultiInput: image_urls, prompt, aspect_ratio).
  blend: "fal-ai/flux-pro/kontext/multi",
} as const;

/** The operations that run on FLUX Fill: the worker builds the picture and mask it sends, and puts the source back over the result. */
export const fillOperations = ["zoom-out", "pan", "vary-region"] as const;
export type FillOperation = (typeof fillOperations)[number];
export const isFillOperation = (operation: string | undefined): operation is FillOperation =>
  (fillOperations as readonly string[]).includes(operation ?? "");

/**
 * Where a describe runs: fal's OpenRouter vision router (@fal-ai/client's RouterVisionInput:
 * image_urls, prompt, model), with a vision model that reads pictures, asked for
 * `describePromptCount` numbered prompts, each ending in the aspect ratio as `--ar W:H`.
 */
export const describeEndpoint = "openrouter/router/vision";
export const describeModel = "google/gemini-2.5-flash";
export const describePromptCount = 4;

/** Image-to-image strength of each kind of variation: how much of the source gives way to the prompt. */
export const variationStrength = { strong: 0.85, subtle: 0.5 } as const;

/** The model behind each endpoint as people know it: what a result names. */
const endpointNames: Record<string, string> = {
  "fal-ai/flux-pro/v1.1": "FLUX1.1 [pro]",
  "fal-ai/flux/dev": "FLUX.1 [dev]",
  "fal-ai/flux/schnell": "FLUX.1 [schnell]",
  "fal-ai/flux-lora": "FLUX.1 [dev] with LoRA",
  "fal-ai/esrgan": "ESRGAN",
  "fal-ai/flux/dev/image-to-image": "FLUX.1 [dev] image-to-image",
  "fal-ai/flux-pro/kontext": "FLUX.1 Kontext [pro]",
  "fal-ai/flux-pro/v1/fill": "FLUX.1 Fill [pro]",
  "fal-ai/flux-pro/kontext/multi": "FLUX.1 Kontext [pro] multi",
  "fal-ai/flux-pro/v1.1-ultra/redux": "FLUX1.1 [pro] ultra Redux",
  "openrouter/router/vision": "Gemini 2.5 Flash (OpenRouter vision)",
};

/** An endpoint's model name, or the endpoint's id where it has none here. */
export function imageEndpointName(endpoint: string): string {
  return endpointNames[endpoint] ?? endpoint;
}

/**
 * The endpoints a generation with reference pictures runs on, from their schemas: FLUX1.1 [pro]
 * ultra Redux takes one image prompt (`image_url`) and how strongly it steers the picture
 * (`image_prompt_strength` 0-1): a style reference and its weight. FLUX.1 Kontext [pro] multi
 * takes up to 4 pictures (`image_urls`) and a prompt, with no weight per picture: subject and
 * composition references, their roles told in the prompt. Neither takes both kinds at once, a
 * size (an `aspect_ratio` instead), steps, a LoRA or another model.
 */
export const referenceEndpoints = {
  style: "fal-ai/flux-pro/v1.1-ultra/redux",
  pictures: "fal-ai/flux-pro/kontext/multi",
} as const;
export type ReferenceEndpoint = (typeof referenceEndpoints)[keyof typeof referenceEndpoints];

/** Redux ultra's aspect_ratio: W:H between 21:9 and 9:21. */
const ultraRatioOk = (ratio: string) => {
  const [w, h] = ratio.split(":").map(Number);
  const r = (w ?? 1) / (h ?? 1);
  return r >= 9 / 21 - 1e-9 && r <= 21 / 9 + 1e-9;
};
const kontextRatios = ["21:9", "16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "9:21"];

interface ReferencesAsked {
  references?: Array<{ role: string; weight?: number | undefined }> | undefined;
  aspectRatio?: string | undefined;
  model?: unknown;
  lora?: unknown;
  steps?: unknown;
  guidance?: unknown;
  imageSize?: unknown;
  width?: unknown;
}

/** The endpoint a generation's references run on; undefined without references. */
export function referenceEndpointFor(input: ReferencesAsked): ReferenceEndpoint | undefined {
  if (!input.references?.length) return undefined;
  return input.references.some((r) => r.role === "style") ? referenceEndpoints.style : referenceEndpoints.pictures;
}

/** Why a generation's references cannot run as asked, for the caller; undefined when they can. */
export function referencesRefusal(input: ReferencesAsked): string | undefined {
  const refs = input.references ?? [];
  if (refs.length === 0) return undefined;
  const styles = refs.filter((r) => r.role === "style");
  const others = refs.filter((r) => r.role !== "style");
  if (styles.length > 0 && others.length > 0)
    return "a style reference runs on FLUX Redux, which takes no other picture; subject and composition references run on FLUX Kontext multi, which takes no style weight: ask for them in separate generations";
  if (styles.length > 1) return "one style reference at most: FLUX Redux takes one image prompt";
  if (others.some((r) => r.weight !== undefined && r.weight !== 1))
    return "FLUX Kontext multi takes no weight per picture: leave weight out of subject and composition references";
  const endpoint = referenceEndpointFor(input) as ReferenceEndpoint;
  const name = endpoint === referenceEndpoints.style ? "FLUX Redux (ultra)" : "FLUX Kontext multi";
  for (const option of ["model", "lora", "steps", "imageSize", "width"] as const) {
    if (input[option] !== undefined)
      return `${option === "width" ? "width and height" : option} ${option === "width" ? "are" : "is"} not taken by ${name}, which runs a generation with references${option === "imageSize" || option === "width" ? ": give aspectRatio" : ""}`;
  }
  if (endpoint === referenceEndpoints.style && input.guidance !== undefined) return `guidance is not taken by ${name}`;
  if (input.aspectRatio && endpoint === referenceEndpoints.style && !ultraRatioOk(input.aspectRatio))
    return `${name} takes an aspectRatio between 21:9 and 9:21`;
  if (input.aspectRatio && endpoint === referenceEndpoints.pictures && !kontextRatios.includes(input.aspectRatio))
    return `${name} takes aspectRatio ${kontextRatios.join(", ")}`;
  return undefined;
}
