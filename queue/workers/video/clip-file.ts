import { open, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { MEDIA_TOOL_LIMITS, MediaToolError, runMediaTool } from "../../../shared/media/run-tool.js";

/**
 * What the worker reads of a clip the provider made, from the copy on local disk: opened as a
 * local file, as an MP4 only (ffprobe's and ffmpeg's mov/mp4 demuxer, nothing else), each run
 * under the media tools' time and memory limits (shared/media/run-tool.ts).
 */
const INPUT = ["-protocol_whitelist", "file", "-format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2"];

/** Why a clip is not the one asked for: each a job error's code. */
export type ClipRefusal = "NOT_MP4" | "CLIP_DURATION" | "CLIP_SIZE";

export class ClipRefused extends Error {
  override name = "ClipRefused";
  constructor(
    message: string,
    readonly code: ClipRefusal,
  ) {
    super(message);
  }
}

export interface ClipProbe {
  duration: number;
  width: number;
  height: number;
  codec: string;
}

const probeJson = z.object({
  format: z.object({ duration: z.string().optional(), format_name: z.string().optional() }).optional(),
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
      }),
    )
    .default([]),
});

/** An MP4 begins with its `ftyp` box: bytes 4-7 of the file. */
async function hasFtyp(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    return head.toString("latin1", 4, 8) === "ftyp";
  } finally {
    await handle.close();
  }
}

/** ffprobe's JSON of the clip: its duration, frame size and video codec. A file that is not an MP4 with a video stream is refused. */
export async function probeClip(file: string): Promise<ClipProbe> {
  if (!(await hasFtyp(file))) throw new ClipRefused("the provider's clip is not an MP4 (no ftyp box)", "NOT_MP4");
  let stdout: string;
  try {
    ({ stdout } = await runMediaTool(
      "ffprobe",
      ["-v", "error", ...INPUT, "-of", "json", "-show_format", "-show_streams", file],
      MEDIA_TOOL_LIMITS,
      "the clip",
    ));
  } catch (err) {
    if (err instanceof MediaToolError && err.reason === "failed")
      throw new ClipRefused(`the provider's clip is not a readable MP4: ${err.message}`, "NOT_MP4");
    throw err;
  }
  const parsed = probeJson.safeParse(JSON.parse(stdout || "{}"));
  const video = parsed.success ? parsed.data.streams.find((s) => s.codec_type === "video") : undefined;
  const duration = Number(parsed.success ? parsed.data.format?.duration : undefined);
  if (!parsed.success || !video?.width || !video.height || !video.codec_name || !(duration > 0))
    throw new ClipRefused("the provider's clip has no video stream with a size and a duration", "NOT_MP4");
  return { duration, width: video.width, height: video.height, codec: video.codec_name };
}

/** How far a clip may be from what was asked: models end a little past a whole second, and round frame sizes. */
const DURATION_TOLERANCE_S = 1;
const SIZE_TOLERANCE = 0.1;

/**
 * Refuses a clip that is not what was asked for: its length off by more than a second, its
 * shorter side not the endpoint's resolution, or its shape not the one asked (the picture's, for
 * an animate), each within 10 %.
 */
export function checkClip(probe: ClipProbe, asked: { duration: number; shortSide: number; aspect: number }): void {
  if (Math.abs(probe.duration - asked.duration) > DURATION_TOLERANCE_S)
    throw new ClipRefused(`the provider's clip lasts ${probe.duration.toFixed(2)} s; ${asked.duration} s were asked for`, "CLIP_DURATION");
  const short = Math.min(probe.width, probe.height);
  const aspect = probe.width / probe.height;
  if (
    Math.abs(short - asked.shortSide) / asked.shortSide > SIZE_TOLERANCE ||
    Math.abs(aspect - asked.aspect) / asked.aspect > SIZE_TOLERANCE
  )
    throw new ClipRefused(
      `the provider's clip is ${probe.width}×${probe.height}; a ${asked.shortSide}p clip of aspect ${asked.aspect.toFixed(3)} was asked for`,
      "CLIP_SIZE",
    );
}

/** Frame 0 of the clip as a PNG: the poster's source. */
export async function firstFrame(file: string, dir: string): Promise<Buffer> {
  const out = path.join(dir, "poster.png");
  await runMediaTool(
    "ffmpeg",
    ["-hide_banner", "-loglevel", "error", "-threads", "2", ...INPUT, "-i", file, "-frames:v", "1", "-y", out],
    MEDIA_TOOL_LIMITS,
    "the clip",
  );
  return readFile(out);
}

/** How long and how wide the looping preview is: enough to show the motion in a grid cell or a chat card. */
export const PREVIEW = { seconds: 3, width: 384, fps: 12 };

/** A short, small, silent MP4 of the clip's start that a gallery or chat loops: faststart, so it plays while loading. */
export async function makePreview(file: string, dir: string): Promise<Buffer> {
  const out = path.join(dir, "preview.mp4");
  await runMediaTool(
    "ffmpeg",
    ["-hide_banner", "-loglevel", "error", "-threads", "2", ...INPUT, "-i", file, "-t", String(PREVIEW.seconds), "-an"]
      .concat(["-vf", `fps=${PREVIEW.fps},scale='min(${PREVIEW.width},iw)':-2`, "-c:v", "libx264", "-preset", "veryfast", "-crf", "30"])
      .concat(["-pix_fmt", "yuv420p", "-movflags", "+faststart", "-y", out]),
    MEDIA_TOOL_LIMITS,
    "the clip",
  );
  return readFile(out);
}
