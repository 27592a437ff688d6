import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { PNG } from "pngjs";
import { probeDuration } from "../../shared/media/probe-duration.js";
import { MEDIA_TOOL_LIMITS, MediaToolError, type MediaToolLimits, runMediaTool } from "../../shared/media/run-tool.js";

/**
 * How ffprobe and ffmpeg open an upload: as a local file (no protocol that reaches the network)
 * in one of the containers cameras and phones write. Playlists (HLS), concat scripts and the
 * like are refused, so an upload cannot make ffmpeg read other files, and the hundreds of other
 * demuxers never see untrusted bytes. A demuxer's name is a list (`mov,mp4,m4a,…`); any one
 * of its names on this list lets it in.
 */
const VIDEO_FORMATS = "mov,matroska,webm,avi,mpegts,mpeg,flv,asf,ogg";
const INPUT_OPTIONS = ["-protocol_whitelist", "file", "-format_whitelist", VIDEO_FORMATS];

/** Seconds of the video (see probeDuration), or undefined when it is not a video ffprobe can read. */
export async function videoDuration(file: string, limits: MediaToolLimits = MEDIA_TOOL_LIMITS): Promise<number | undefined> {
  try {
    return await probeDuration(file, { stream: "video", formats: VIDEO_FORMATS, limits, subject: "the video" });
  } catch (err) {
    if (err instanceof MediaToolError && err.reason === "failed") return undefined;
    throw err;
  }
}

/** A 16×16 grayscale thumbnail, compared between frames to drop near-duplicates. */
function thumbnail(png: Buffer): Float64Array {
  const img = PNG.sync.read(png);
  const out = new Float64Array(256);
  for (let ty = 0; ty < 16; ty++) {
    for (let tx = 0; tx < 16; tx++) {
      const x = Math.min(img.width - 1, Math.floor(((tx + 0.5) * img.width) / 16));
      const y = Math.min(img.height - 1, Math.floor(((ty + 0.5) * img.height) / 16));
      const i = (y * img.width + x) * 4;
      out[ty * 16 + tx] = 0.299 * (img.data[i] ?? 0) + 0.587 * (img.data[i + 1] ?? 0) + 0.114 * (img.data[i + 2] ?? 0);
    }
  }
  return out;
}

function meanDifference(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}

export const DUPLICATE_THRESHOLD = 6;

export class UnreadableVideoError extends Error {
  override name = "UnreadableVideoError";
}

/**
 * Takes `target` frames spread evenly over the video (scaled to at most 1024 px wide) and drops
 * those that look like one already kept, so a static shot does not become a dataset of copies.
 * ffprobe and ffmpeg each run within `limits`; a run past them throws MediaToolError.
 */
export async function extractFrames(
  video: string,
  outDir: string,
  target = 12,
  limits: MediaToolLimits = MEDIA_TOOL_LIMITS,
): Promise<Buffer[]> {
  const duration = await videoDuration(video, limits);
  if (!duration) throw new UnreadableVideoError("the file is not a video ffmpeg can read");
  const fps = Math.min(30, target / duration);
  try {
    await runMediaTool(
      "ffmpeg",
      [
        "-hide_banner",
        "-loglevel",
        "error",
        // Two decoding threads whatever the host's cores, so the memory limit fits every host.
        "-threads",
        "2",
        ...INPUT_OPTIONS,
        "-i",
        video,
        "-vf",
        `fps=${fps.toFixed(6)},scale='min(1024,iw)':-2`,
        "-frames:v",
        String(target),
        path.join(outDir, "frame_%03d.png"),
      ],
      limits,
    );
  } catch (err) {
    if (err instanceof MediaToolError && err.reason === "failed") throw new UnreadableVideoError(err.message);
    throw err;
  }
  const names = (await readdir(outDir)).filter((n) => n.startsWith("frame_")).sort();
  const kept: Array<{ png: Buffer; thumb: Float64Array }> = [];
  for (const name of names) {
    const png = await readFile(path.join(outDir, name));
    const thumb = thumbnail(png);
    if (kept.every((k) => meanDifference(k.thumb, thumb) > DUPLICATE_THRESHOLD)) kept.push({ png, thumb });
  }
  return kept.map((k) => k.png);
}
