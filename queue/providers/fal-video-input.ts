import type { EndpointTypeMap } from "@fal-ai/client/endpoints";
import type { VideoGenerationParams } from "../../shared/jobs/input.js";
import {
  DEFAULT_ANIMATE_PROMPT,
  motionPrompts,
  type VideoEndpointId,
  videoIssues,
  videoRequestOf,
} from "../../shared/jobs/video-endpoints.js";
import { PermanentJobError } from "./failures.js";

export type FalVideoInput<E extends VideoEndpointId> = EndpointTypeMap[E]["input"];

/** What a request is made of besides the job's own fields: its pictures as URLs fal downloads, and the prompt it goes with. */
export interface VideoRequestParts {
  prompt: string;
  imageUrl?: string | undefined;
  videoUrl?: string | undefined;
  endFrameUrl?: string | undefined;
}

type Durations<E extends VideoEndpointId> = NonNullable<FalVideoInput<E>["duration"]>;
const durationOf = <E extends VideoEndpointId>(seconds: number) => String(seconds) as Durations<E>;

/**
 * One builder per endpoint, each typed by the SDK's input type for it: a field the endpoint does
 * not have fails the typecheck here instead of a 422 (or a silent drop) at fal. Durations go as
 * the enum strings the endpoints take.
 */
const builders: { [E in VideoEndpointId]: (input: VideoGenerationParams, parts: VideoRequestParts, endpoint: E) => FalVideoInput<E> } = {
  "fal-ai/kling-video/v2.1/standard/image-to-video": (input, parts, e) => ({
    prompt: parts.prompt,
    image_url: parts.imageUrl ?? "",
    duration: durationOf<typeof e>(videoRequestOf(input, e).duration),
  }),
  "fal-ai/kling-video/v2.5-turbo/pro/image-to-video": (input, parts, e) => ({
    prompt: parts.prompt,
    image_url: parts.imageUrl ?? "",
    duration: durationOf<typeof e>(videoRequestOf(input, e).duration),
    ...(parts.endFrameUrl ? { tail_image_url: parts.endFrameUrl } : {}),
  }),
  "fal-ai/kling-video/v2.5-turbo/pro/text-to-video": (input, parts, e) => ({
    prompt: parts.prompt,
    duration: durationOf<typeof e>(videoRequestOf(input, e).duration),
    ...(input.aspectRatio ? { aspect_ratio: input.aspectRatio as NonNullable<FalVideoInput<typeof e>["aspect_ratio"]> } : {}),
  }),
  "fal-ai/minimax/hailuo-02/standard/image-to-video": (input, parts, e) => ({
    prompt: parts.prompt,
    image_url: parts.imageUrl ?? "",
    duration: durationOf<typeof e>(videoRequestOf(input, e).duration),
    resolution: videoRequestOf(input, e).resolution as NonNullable<FalVideoInput<typeof e>["resolution"]>,
    ...(parts.endFrameUrl ? { end_image_url: parts.endFrameUrl } : {}),
  }),
  "fal-ai/minimax/hailuo-02/standard/text-to-video": (input, parts, e) => ({
    prompt: parts.prompt,
    duration: durationOf<typeof e>(videoRequestOf(input, e).duration),
  }),
  "fal-ai/pixverse/extend": (input, parts, e) => ({
    prompt: parts.prompt,
    video_url: parts.videoUrl ?? "",
    duration: durationOf<typeof e>(videoRequestOf(input, e).duration),
    resolution: videoRequestOf(input, e).resolution as NonNullable<FalVideoInput<typeof e>["resolution"]>,
  }),
};

/**
 * An animate's prompt: what the caller asked for (or the source's own prompt, or a plain one),
 * with the motion asked for, which no endpoint takes as a field of its own.
 */
export function animatePrompt(input: VideoGenerationParams, sourcePrompt: string | undefined): string {
  return `${input.prompt ?? sourcePrompt ?? DEFAULT_ANIMATE_PROMPT}; ${motionPrompts[input.motion ?? "low"]}`;
}

/** The request body for the job's endpoint; stored input that breaks the endpoint's rules fails the job before fal is paid. */
export function falVideoInput<E extends VideoEndpointId>(
  endpoint: E,
  input: VideoGenerationParams,
  parts: VideoRequestParts,
): FalVideoInput<E> {
  const issue = videoIssues(input)[0];
  if (issue) throw new PermanentJobError(`${issue.path}: ${issue.message}`, "BAD_INPUT");
  return builders[endpoint](input, parts, endpoint);
}
