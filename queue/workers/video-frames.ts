import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import ffmpeg from "@ffmpeg-installer/ffmpeg";
import { PNG } from "pngjs";

const run = promisify(execFile);

/** Seconds of the video as ffmpeg reads them, or undefined when it is not a video it can read. */
async function videoDuration(file: string): Promise<number | undefined> {
  const { stderr } = await run(ffmpeg.path, ["-hide_banner", "-i", file], { maxBuffer: 4 * 1024 * 1024 }).catch(
    (err: { stderr?: string }) => ({ stderr: err.stderr ?? "" }),
  );
  const m = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  if (!m || !/Video:/.test(stderr)) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
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
 */
export async function extractFrames(video: string, outDir: string, target = 12): Promise<Buffer[]> {
  const duration = await videoDuration(video);
  if (!duration || duration <= 0) throw new UnreadableVideoError("the file is not a video ffmpeg can read");
  const fps = Math.min(30, target / duration);
  await run(
    ffmpeg.path,
    [
      "-hide_banner",
      "-loglevel",
      "error",
      "-i",
      video,
      "-vf",
      `fps=${fps.toFixed(6)},scale='min(1024,iw)':-2`,
      "-frames:v",
      String(target),
      path.join(outDir, "frame_%03d.png"),
    ],
    {
      maxBuffer: 4 * 1024 * 1024,
    },
  );
  const names = (await readdir(outDir)).filter((n) => n.startsWith("frame_")).sort();
  const kept: Array<{ png: Buffer; thumb: Float64Array }> = [];
  for (const name of names) {
    const png = await readFile(path.join(outDir, name));
    const thumb = thumbnail(png);
    if (kept.every((k) => meanDifference(k.thumb, thumb) > DUPLICATE_THRESHOLD)) kept.push({ png, thumb });
  }
  return kept.map((k) => k.png);
}
