import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import type { VideoModel, VideoMotion } from "../../shared/jobs/video-endpoints.js";
import type { PlatformFile, FileRules } from "./files.js";
import { PENDING_UPLOAD, type PreparedJob, prepare, refuseAsApiWould } from "./image-commands.js";

/** `/video` as asked in chat: a clip from a prompt, or, with a picture, the picture animated. */
export interface VideoAsked {
  /** Empty: an animate takes the API's default prompt; a text-to-video is refused as the API would. */
  prompt: string;
  duration?: number | undefined;
  aspectRatio?: string | undefined;
  model?: VideoModel | undefined;
  motion?: VideoMotion | undefined;
  private: boolean;
}

/** The job's input: a text-to-video, or an animate of the upload `uploadKey` names. */
function videoInput(a: VideoAsked, uploadKey: string | undefined): CreateJobInputRaw {
  return {
    type: "video-generation",
    ...(uploadKey ? { operation: "animate" as const, uploadKey } : {}),
    ...(a.prompt ? { prompt: a.prompt } : {}),
    ...(a.duration !== undefined ? { duration: a.duration } : {}),
    ...(a.aspectRatio ? { aspectRatio: a.aspectRatio } : {}),
    ...(a.model ? { model: a.model } : {}),
    ...(a.motion ? { motion: a.motion } : {}),
    visibility: a.private ? "private" : "workspace",
  };
}

/**
 * The options as the API would take them (a duration or aspect ratio the model does not make,
 * motion without a picture), refused before any file is looked up.
 */
export function checkVideo(a: VideoAsked & { animate: boolean }): void {
  refuseAsApiWould(videoInput(a, a.animate ? PENDING_UPLOAD : undefined));
}

/**
 * A `/video` checked without I/O (the options, and the picture's type, size and host), so it is
 * refused before the deferral; started, the picture is uploaded and the job created. The API takes
 * only an upload to animate, never a link, so the picture is always a platform file.
 */
export function prepareVideo(rules: FileRules, a: VideoAsked & { picture?: PlatformFile | undefined }): PreparedJob {
  const pictures = a.picture ? [{ file: a.picture }] : [];
  // /video takes its picture as a file only.
  return prepare(
    rules,
    pictures,
    (field) => {
      const upload = pictures.length ? field(0) : undefined;
      return videoInput(a, upload && "uploadKey" in upload ? upload.uploadKey : undefined);
    },
    false,
  );
}
