/**
 * The fal image endpoints a job can run on, and which of a job's tuning options each takes
 * (from each endpoint's input schema: @fal-ai/client's FluxProV11Input, FluxDevInput,
 * FluxLoraInput). The prompt, size, count, seed and format go to every one of them.
 *
 * A LoRA from the trainer (fal-ai/flux-lora-fast-training) is a FLUX.1-dev adapter, which only
 * fal-ai/flux-lora takes (`loras: [{path, scale}]`); FLUX pro has no steps, guidance or loras.
 */
export const imageEndpoints = {
  "fal-ai/flux-pro/v1.1": { takes: [] },
  "fal-ai/flux/dev": { takes: ["steps", "guidance"] },
  "fal-ai/flux-lora": { takes: ["steps", "guidance", "lora"] },
} as const satisfies Record<string, { takes: readonly TuningOption[] }>;

export type TuningOption = "steps" | "guidance" | "lora";
export type ImageEndpoint = keyof typeof imageEndpoints;
export const imageEndpointIds = Object.keys(imageEndpoints) as [ImageEndpoint, ...ImageEndpoint[]];

/** Which endpoint runs plain prompts, and which runs prompts with a LoRA (FAL_MODEL, FAL_LORA_MODEL). */
export interface ImageModels {
  plain: ImageEndpoint;
  lora: ImageEndpoint;
}

/** The endpoint a job runs on: a LoRA needs an endpoint that loads one. */
export function imageEndpointFor(input: { lora?: unknown }, models: ImageModels): ImageEndpoint {
  return input.lora === undefined ? models.plain : models.lora;
}

/** The tuning options a job asks for that its endpoint does not take: sending them would be refused, dropping them would be a lie. */
export function unsupportedOptions(input: Partial<Record<TuningOption, unknown>>, endpoint: ImageEndpoint): TuningOption[] {
  const takes: readonly TuningOption[] = imageEndpoints[endpoint].takes;
  return (["steps", "guidance", "lora"] as const).filter((o) => input[o] !== undefined && !takes.includes(o));
}

/** Why a job cannot run on its endpoint, for the caller; undefined when it can. */
export function unsupportedOptionsMessage(input: Partial<Record<TuningOption, unknown>>, models: ImageModels): string | undefined {
  const endpoint = imageEndpointFor(input, models);
  const unsupported = unsupportedOptions(input, endpoint);
  if (unsupported.length === 0) return undefined;
  const names = unsupported.join(" and ");
  return `${names} ${unsupported.length === 1 ? "is" : "are"} not supported by the image model ${endpoint}; leave ${unsupported.length === 1 ? "it" : "them"} out`;
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
} as const;

/** Image-to-image strength of each kind of variation: how much of the source gives way to the prompt. */
export const variationStrength = { strong: 0.85, subtle: 0.5 } as const;
