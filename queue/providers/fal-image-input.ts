import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import { type ImageEndpoint, unsupportedOptions } from "../../shared/jobs/image-endpoints.js";
import type { ImageGenerationParams } from "../../shared/jobs/input.js";
import { PermanentJobError } from "./failures.js";
import { exactNumber } from "./exact-json.js";

export type FalImageInput<E extends ImageEndpoint> = EndpointTypeMap[E]["input"];

/** A generation's parameters: its prompt is there (imageGenerationParams requires one to generate). */
export type GenerationParams = ImageGenerationParams & { prompt: string };

/** What every FLUX endpoint takes, in fal's names. */
function common(input: GenerationParams) {
  return {
    prompt: input.prompt,
    image_size: input.width && input.height ? { width: input.width, height: input.height } : (input.imageSize ?? "landscape_4_3"),
    num_images: input.count,
    seed: input.seed === undefined ? undefined : exactNumber(input.seed),
    output_format: input.outputFormat,
  } as const;
}

/**
 * One builder per endpoint, each typed by the SDK's input type for it: a field the endpoint
 * does not have fails the typecheck here instead of a 422 (or a silent drop) at fal.
 */
const builders: { [E in ImageEndpoint]: (input: GenerationParams, loraUrl: string | undefined) => FalImageInput<E> } = {
  "fal-ai/flux-pro/v1.1": (input) => ({ ...common(input) }) satisfies FalImageInput<"fal-ai/flux-pro/v1.1">,
  "fal-ai/flux/dev": (input) =>
    ({
      ...common(input),
      num_inference_steps: input.steps,
      guidance_scale: input.guidance,
      enable_safety_checker: true,
    }) satisfies FalImageInput<"fal-ai/flux/dev">,
  "fal-ai/flux/schnell": (input) =>
    ({
      ...common(input),
      num_inference_steps: input.steps,
      guidance_scale: input.guidance,
      enable_safety_checker: true,
    }) satisfies FalImageInput<"fal-ai/flux/schnell">,
  "fal-ai/flux-lora": (input, loraUrl) =>
    ({
      ...common(input),
      num_inference_steps: input.steps,
      guidance_scale: input.guidance,
      enable_safety_checker: true,
      loras: input.lora && loraUrl ? [{ path: loraUrl, scale: input.lora.scale }] : undefined,
    }) satisfies FalImageInput<"fal-ai/flux-lora">,
};

/**
 * The request body for a job on its endpoint. jobs.create refused options the endpoint lacks;
 * a job stored before that check (or under another FAL_MODEL) is refused here, never sent with
 * them dropped. Unset fields are left out of the JSON, so the endpoint's defaults apply.
 */
export function falImageInput(endpoint: ImageEndpoint, input: GenerationParams, loraUrl: string | undefined): FalImageInput<ImageEndpoint> {
  const unsupported = unsupportedOptions(input, endpoint);
  if (unsupported.length > 0) {
    throw new PermanentJobError(
      `${unsupported.join(" and ")} ${unsupported.length === 1 ? "is" : "are"} not supported by the image model ${endpoint}`,
      "BAD_INPUT",
    );
  }
  return builders[endpoint](input, loraUrl);
}
