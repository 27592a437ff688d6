/**
 * The fal endpoints a video job runs on, and what each takes, from @fal-ai/client's endpoint
 * types (KlingVideoV2MasterImageToVideoInput for Kling 2.1 standard, KlingVideoV25TurboPro…Input,
 * StandardImageToVideoHailuo02Input, StandardTextToVideoHailuo02Input) and fal's model pages.
 * Every one answers `{ video: File }`. Checked by videoGenerationParams (input.ts, where the fields
 * are described), so every surface answers the same refusal, before anything is paid for.
 */

/** What a video job does: animate a picture, extend a clip of ours, or, without an operation, make a clip from a prompt. */
export const videoOperations = ["animate", "extend"] as const;
export type VideoOperation = (typeof videoOperations)[number];
export type VideoMode = VideoOperation | "text-to-video";

export const videoModels = ["kling-2.1", "kling-2.5-turbo", "hailuo-02", "pixverse"] as const;
export type VideoModel = (typeof videoModels)[number];
export const videoMotions = ["low", "high"] as const;
export type VideoMotion = (typeof videoMotions)[number];
/** Every resolution some endpoint takes (Hailuo 02 standard's ResolutionEnum); which one takes which is below. */
export const videoResolutions = ["512P", "768P", "360p", "540p", "720p", "1080p"] as const;

export interface VideoEndpoint {
  /** The model as people know it: what a result names. */
  name: string;
  /** The clip lengths it makes, in seconds (its `duration` enum, sent as a string), the first its default. */
  durations: readonly number[];
  /** Its `aspect_ratio` enum, the first its default; absent: the endpoint takes none (a clip of a picture has the picture's shape). */
  aspectRatios?: readonly string[];
  /** Its `resolution` enum, the first its default; absent: it takes none. */
  resolutions?: readonly (typeof videoResolutions)[number][];
  /** The field its last frame goes in, where it takes one. */
  endFrame?: "tail_image_url" | "end_image_url";
  /** The longest clip it makes at a resolution, where that is less than its longest. */
  maxDurationAt?: Record<string, number>;
  /** The height of what it makes, per resolution (or `default`): what the worker checks a clip against. */
  heights: Record<string, number>;
  /** Takes `negative_prompt` and `cfg_scale` (Kling) or `prompt_optimizer` (Hailuo). */
  family: "kling" | "hailuo" | "pixverse";
}

export const videoEndpoints = {
  // fal.ai/models/fal-ai/kling-video/v2.1/standard/image-to-video: prompt, image_url, duration "5"|"10", negative_prompt, cfg_scale 0-1; 720p.
  "fal-ai/kling-video/v2.1/standard/image-to-video": {
    name: "Kling 2.1 (standard)",
    durations: [5, 10],
    heights: { default: 720 },
    family: "kling",
  },
  // …/v2.5-turbo/pro/image-to-video: the same fields and tail_image_url, the clip's last frame; 1080p.
  "fal-ai/kling-video/v2.5-turbo/pro/image-to-video": {
    name: "Kling 2.5 Turbo Pro",
    durations: [5, 10],
    endFrame: "tail_image_url",
    heights: { default: 1080 },
    family: "kling",
  },
  // …/v2.5-turbo/pro/text-to-video: prompt, duration, aspect_ratio "16:9"|"9:16"|"1:1", negative_prompt, cfg_scale.
  "fal-ai/kling-video/v2.5-turbo/pro/text-to-video": {
    name: "Kling 2.5 Turbo Pro",
    durations: [5, 10],
    aspectRatios: ["16:9", "9:16", "1:1"],
    heights: { default: 1080 },
    family: "kling",
  },
  // …/minimax/hailuo-02/standard/image-to-video: prompt, image_url, duration "6"|"10", resolution "512P"|"768P" (768P by default), end_image_url, prompt_optimizer.
  "fal-ai/minimax/hailuo-02/standard/image-to-video": {
    name: "MiniMax Hailuo 02 (standard)",
    durations: [6, 10],
    resolutions: ["768P", "512P"],
    endFrame: "end_image_url",
    heights: { "512P": 512, "768P": 768 },
    family: "hailuo",
  },
  // …/minimax/hailuo-02/standard/text-to-video: prompt, duration "6"|"10", prompt_optimizer; 768p, 16:9.
  "fal-ai/minimax/hailuo-02/standard/text-to-video": {
    name: "MiniMax Hailuo 02 (standard)",
    durations: [6, 10],
    heights: { default: 768 },
    family: "hailuo",
  },
  // …/pixverse/extend: video_url, prompt, duration "5"|"8", resolution "360p"|"540p"|"720p"|"1080p" (720p by default; "1080p videos
  // are limited to 5 seconds"), negative_prompt, style, model, seed. It answers the continuation, at the source's shape.
  "fal-ai/pixverse/extend": {
    name: "PixVerse Extend",
    durations: [5, 8],
    resolutions: ["720p", "360p", "540p", "1080p"],
    maxDurationAt: { "1080p": 5 },
    heights: { "360p": 360, "540p": 540, "720p": 720, "1080p": 1080 },
    family: "pixverse",
  },
} as const satisfies Record<string, VideoEndpoint>;

export type VideoEndpointId = keyof typeof videoEndpoints;

/** Per mode, the endpoint of each model that has one there; the first model is the mode's default. */
export const videoModelEndpoints: Record<VideoMode, Partial<Record<VideoModel, VideoEndpointId>>> = {
  animate: {
    "kling-2.1": "fal-ai/kling-video/v2.1/standard/image-to-video",
    "kling-2.5-turbo": "fal-ai/kling-video/v2.5-turbo/pro/image-to-video",
    "hailuo-02": "fal-ai/minimax/hailuo-02/standard/image-to-video",
  },
  "text-to-video": {
    "kling-2.5-turbo": "fal-ai/kling-video/v2.5-turbo/pro/text-to-video",
    "hailuo-02": "fal-ai/minimax/hailuo-02/standard/text-to-video",
  },
  extend: { pixverse: "fal-ai/pixverse/extend" },
};

/** What a clip of a text-to-video has when its endpoint takes no aspect ratio (Hailuo 02 makes 16:9). */
export const DEFAULT_VIDEO_ASPECT_RATIO = "16:9";

/**
 * Neither endpoint has a motion setting: the motion is asked for in the prompt, as the models'
 * guides do (a camera that stays, small movements; or a moving camera and large movements).
 */
export const motionPrompts: Record<VideoMotion, string> = {
  low: "subtle, gentle motion, the camera stays still",
  high: "dynamic, energetic motion, the camera moves",
};

/** What an animate without a prompt (and without its source's) asks the model for. */
export const DEFAULT_ANIMATE_PROMPT = "the picture comes to life";
/** What an extend without a prompt (and without its source's) asks for. */
export const DEFAULT_EXTEND_PROMPT = "the scene continues";

export interface VideoAsked {
  operation?: VideoOperation | undefined;
  model?: VideoModel | undefined;
  duration?: number | undefined;
  aspectRatio?: string | undefined;
  resolution?: string | undefined;
  endFrame?: unknown;
  motion?: unknown;
  prompt?: unknown;
  source?: { image?: number; video?: number } | undefined;
  uploadKey?: unknown;
}

export const videoModeOf = (v: { operation?: VideoOperation | undefined }): VideoMode => v.operation ?? "text-to-video";

/** The default model of a mode: the first with an endpoint there. */
const defaultModel = (mode: VideoMode) => Object.keys(videoModelEndpoints[mode])[0] as VideoModel;

/** The endpoint a video job runs on; undefined when its model has none for its mode. */
export function videoEndpointFor(v: VideoAsked): VideoEndpointId | undefined {
  const mode = videoModeOf(v);
  return videoModelEndpoints[mode][v.model ?? defaultModel(mode)];
}

/** The duration (seconds) and resolution a job asks of its endpoint, its defaults filled in. */
export function videoRequestOf(v: VideoAsked, endpoint: VideoEndpointId): { duration: number; resolution?: string } {
  const spec: VideoEndpoint = videoEndpoints[endpoint];
  const resolution = spec.resolutions ? (v.resolution ?? spec.resolutions[0]) : undefined;
  return { duration: v.duration ?? (spec.durations[0] as number), ...(resolution ? { resolution } : {}) };
}

export interface VideoIssue {
  path: string;
  message: string;
}

const list = (xs: readonly (string | number)[]) => xs.join(", ");

/** Each way a video job's parameters break its mode's or its endpoint's rules. */
export function videoIssues(v: VideoAsked): VideoIssue[] {
  const issues: VideoIssue[] = [];
  const mode = videoModeOf(v);
  const given = (["source", "uploadKey"] as const).filter((s) => v[s] !== undefined);
  if (mode === "animate") {
    if (given.length === 0) issues.push({ path: "source", message: "animate needs a picture: source { jobId, image } or an uploadKey" });
    if (given.length > 1) issues.push({ path: "uploadKey", message: "give one picture to animate: source or uploadKey, not both" });
    if (v.source && v.source.image === undefined)
      issues.push({ path: "source", message: "animate takes a picture: source { jobId, image }" });
  } else if (mode === "extend") {
    if (v.source?.video === undefined) issues.push({ path: "source", message: "extend needs a clip of ours: source { jobId, video }" });
    for (const field of ["uploadKey", "motion", "endFrame"] as const) {
      if (v[field] !== undefined) issues.push({ path: field, message: `extend does not take ${field}` });
    }
  } else {
    if (v.prompt === undefined) issues.push({ path: "prompt", message: "a text-to-video needs a prompt" });
    for (const field of [...given, "motion", "endFrame"] as const) {
      if (v[field] !== undefined)
        issues.push({ path: field, message: `a text-to-video does not take ${field}: it is for operation "animate"` });
    }
  }
  const endpoint = videoEndpointFor(v);
  if (!endpoint) {
    const offered = Object.keys(videoModelEndpoints[mode]);
    issues.push({ path: "model", message: `${v.model} has no ${mode} endpoint; choose ${offered.join(" or ")}` });
    return issues;
  }
  const spec: VideoEndpoint = videoEndpoints[endpoint];
  const at = `${spec.name} (${endpoint})`;
  if (v.duration !== undefined && !spec.durations.includes(v.duration))
    issues.push({ path: "duration", message: `${at} makes clips of ${list(spec.durations)} seconds` });
  if (v.aspectRatio !== undefined) {
    if (!spec.aspectRatios)
      issues.push({
        path: "aspectRatio",
        message: mode === "animate" ? "an animated clip has its picture's shape: leave aspectRatio out" : `${at} takes no aspectRatio`,
      });
    else if (!spec.aspectRatios.includes(v.aspectRatio))
      issues.push({ path: "aspectRatio", message: `${at} takes aspectRatio ${list(spec.aspectRatios)}` });
  }
  if (v.resolution !== undefined) {
    const resolutions: readonly string[] | undefined = spec.resolutions;
    if (!resolutions) issues.push({ path: "resolution", message: `${at} takes no resolution` });
    else if (!resolutions.includes(v.resolution))
      issues.push({ path: "resolution", message: `${at} takes resolution ${list(resolutions)}` });
  }
  const { duration, resolution } = videoRequestOf(v, endpoint);
  const longest = resolution ? (spec.maxDurationAt as Record<string, number> | undefined)?.[resolution] : undefined;
  if (longest !== undefined && duration > longest)
    issues.push({ path: "duration", message: `${at} makes ${resolution} clips of at most ${longest} seconds` });
  if (v.endFrame !== undefined && mode === "animate" && !spec.endFrame)
    issues.push({ path: "endFrame", message: `${at} takes no end frame; kling-2.5-turbo and hailuo-02 do` });
  if (mode !== "extend" && v.source?.video !== undefined)
    issues.push({ path: "source", message: `${mode} does not take a clip: source { jobId, video } is for extend` });
  return issues;
}

/** An endpoint's model name, or its id where it has none here. */
export function videoEndpointName(endpoint: string): string {
  return (videoEndpoints as Record<string, VideoEndpoint>)[endpoint]?.name ?? endpoint;
}

export const isVideoEndpoint = (endpoint: string): endpoint is VideoEndpointId => endpoint in videoEndpoints;
