import {
  type VideoEndpoint,
  type VideoMode,
  type VideoModel,
  videoEndpoints,
  videoModelEndpoints,
  videoModels,
} from "../jobs/video-endpoints.js";

/**
 * What `/video` offers, read off the video endpoints: chat makes a clip from a prompt or animates
 * a picture (extending a clip is a button on the clip, not a command).
 */
const chatModes = ["text-to-video", "animate"] as const satisfies readonly VideoMode[];

const endpointsOf = (model: VideoModel) => chatModes.flatMap((mode) => videoModelEndpoints[mode][model] ?? []);

/** The models with an endpoint for a prompt or a picture, in the schema's order. */
export const chatVideoModels = videoModels.filter((m) => endpointsOf(m).length > 0);
export type ChatVideoModel = (typeof chatVideoModels)[number];

/** Every clip length some of those endpoints make, in seconds; which model takes which is the API's to say. */
export const chatVideoDurations = [
  ...new Set(chatVideoModels.flatMap((m) => endpointsOf(m).flatMap((e) => [...videoEndpoints[e].durations]))),
].sort((a, b) => a - b);

/** The aspect ratios of the default text-to-video endpoint: a picture keeps its own shape, and Hailuo takes none. */
export const chatVideoAspectRatios: readonly string[] = (() => {
  const first = Object.values(videoModelEndpoints["text-to-video"])[0];
  const spec: VideoEndpoint | undefined = first ? videoEndpoints[first] : undefined;
  return spec?.aspectRatios ?? [];
})();
