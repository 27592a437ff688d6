import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import {
  type ReferenceEndpoint,
  describeModel,
  describePromptCount,
  imageOperationEndpoints,
  referenceEndpoints,
  variationStrength,
} from "../../shared/jobs/image-endpoints.js";
import type { ImageGenerationParams } from "../../shared/jobs/input.js";
import { exactNumber } from "./exact-json.js";

type Endpoints = typeof imageOperationEndpoints;
type FillInput = EndpointTypeMap["fal-ai/flux-pro/v1/fill"]["input"];
type OperationInput<O extends keyof Endpoints> = EndpointTypeMap[Endpoints[O]]["input"];

/**
 * The request body of an upscale, variation or edit of the picture at `imageUrl` (a short-lived
 * presigned URL of our bucket), each typed by the SDK's input type for its endpoint. `prompt` is
 * the job's own, or for a variation without one its source job's.
 */
export function falOperationInput(
  input: ImageGenerationParams,
  imageUrl: string,
  prompt: string | undefined,
): { endpoint: Endpoints[keyof Endpoints]; body: OperationInput<keyof Endpoints> } {
  const seed = input.seed === undefined ? undefined : exactNumber(input.seed);
  switch (input.operation) {
    case "upscale":
      return {
        endpoint: imageOperationEndpoints.upscale,
        body: { image_url: imageUrl, scale: input.scale ?? 2, output_format: input.outputFormat } satisfies OperationInput<"upscale">,
      };
    case "vary":
      return {
        endpoint: imageOperationEndpoints.vary,
        body: {
          image_url: imageUrl,
          prompt: prompt ?? "",
          strength: variationStrength[input.strength ?? "strong"],
          num_images: input.count,
          seed,
          num_inference_steps: input.steps,
          guidance_scale: input.guidance,
          enable_safety_checker: true,
          output_format: input.outputFormat,
        } satisfies OperationInput<"vary">,
      };
    case "edit":
      return {
        endpoint: imageOperationEndpoints.edit,
        body: {
          image_url: imageUrl,
          prompt: prompt ?? "",
          num_images: input.count,
          seed,
          guidance_scale: input.guidance,
          output_format: input.outputFormat,
        } satisfies OperationInput<"edit">,
      };
    default:
      throw new Error(`not an operation on a picture: ${String(input.operation)}`);
  }
}

/** What a zoom-out or pan asks Fill to paint when neither the job nor its source has a prompt. */
export const FILL_DEFAULT_PROMPT = "the same scene continued beyond its edges, in the same style and light";

/**
 * The request body of a zoom-out, pan or region repaint on FLUX.1 Fill [pro]: the picture the
 * worker built (the grown frame, or the source), its mask (same size: black keeps, white
 * repaints) and the prompt, the job's own or its source's. Fill refuses an empty prompt: a
 * source without one (an upload) is continued as FILL_DEFAULT_PROMPT says.
 */
export function falFillInput(input: ImageGenerationParams, imageUrl: string, maskUrl: string, prompt: string | undefined): FillInput {
  return {
    image_url: imageUrl,
    mask_url: maskUrl,
    prompt: prompt?.trim() ? prompt : FILL_DEFAULT_PROMPT,
    num_images: input.count,
    seed: input.seed === undefined ? undefined : exactNumber(input.seed),
    output_format: input.outputFormat,
  } satisfies FillInput;
}

type VisionInput = EndpointTypeMap["openrouter/router/vision"]["input"];

/** The request body of a describe: the picture, and the ask for numbered prompts ending in their aspect ratio. */
export function falDescribeInput(imageUrl: string): VisionInput {
  return {
    image_urls: [imageUrl],
    model: describeModel,
    prompt:
      `Describe this picture as ${describePromptCount} prompts for an image model that would make it. ` +
      `Number them 1 to ${describePromptCount}, one a line, each a detailed sentence ending with the picture's aspect ratio written as --ar W:H.`,
    max_tokens: 1000,
  } satisfies VisionInput;
}

type KontextMultiInput = EndpointTypeMap["fal-ai/flux-pro/kontext/multi"]["input"];
type KontextRatio = NonNullable<KontextMultiInput["aspect_ratio"]>;

/** What a blend asks Kontext for when it is given no prompt of its own. */
export const BLEND_DEFAULT_PROMPT = "one picture that blends these pictures together: their subjects, styles and colours";

/** The request body of a blend on FLUX Kontext multi: the pictures (presigned URLs), the prompt and the shape asked for. */
export function falBlendInput(input: ImageGenerationParams, imageUrls: string[]): KontextMultiInput {
  return {
    image_urls: imageUrls,
    prompt: input.prompt ?? BLEND_DEFAULT_PROMPT,
    aspect_ratio: input.aspectRatio as KontextRatio | undefined,
    num_images: input.count,
    seed: input.seed === undefined ? undefined : exactNumber(input.seed),
    guidance_scale: input.guidance,
    output_format: input.outputFormat,
  } satisfies KontextMultiInput;
}

type ReduxInput = EndpointTypeMap["fal-ai/flux-pro/v1.1-ultra/redux"]["input"];

/**
 * The request body of a generation with references: on Redux (ultra) the style picture as the
 * image prompt, its weight as image_prompt_strength; on Kontext multi the pictures, with their
 * roles told before the prompt (the endpoint has no field for them).
 */
export function falReferencesInput(
  endpoint: ReferenceEndpoint,
  input: ImageGenerationParams & { prompt: string },
  references: Array<{ role: string; weight?: number | undefined; url: string }>,
): ReduxInput | KontextMultiInput {
  const seed = input.seed === undefined ? undefined : exactNumber(input.seed);
  if (endpoint === referenceEndpoints.style) {
    const style = references[0];
    return {
      image_url: style?.url ?? "",
      prompt: input.prompt,
      image_prompt_strength: style?.weight,
      aspect_ratio: input.aspectRatio,
      num_images: input.count,
      seed,
      output_format: input.outputFormat,
    } satisfies ReduxInput;
  }
  const roles = references.map((r, i) => `picture ${i + 1} gives the ${r.role}`).join("; ");
  return {
    image_urls: references.map((r) => r.url),
    prompt: `Reference pictures: ${roles}. ${input.prompt}`,
    aspect_ratio: input.aspectRatio as KontextRatio | undefined,
    num_images: input.count,
    seed,
    guidance_scale: input.guidance,
    output_format: input.outputFormat,
  } satisfies KontextMultiInput;
}
