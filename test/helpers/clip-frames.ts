import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Pixels } from "./stored-pictures.js";

const run = promisify(execFile);

/** The frame of an MP4 at `seconds`, decoded by ffmpeg and scaled to width × height, as RGB pixels. */
export async function clipFrame(mp4: Buffer, width: number, height: number, seconds = 0): Promise<Pixels> {
  const dir = await mkdtemp(path.join(tmpdir(), "cg-clip-frame-"));
  try {
    const file = path.join(dir, "clip.mp4");
    await writeFile(file, mp4);
    const { stdout } = await run(
      "ffmpeg",
      [
        "-hide_banner",
        "-loglevel",
        "error",
        "-ss",
        String(seconds),
        "-i",
        file,
        "-frames:v",
        "1",
        "-vf",
        `scale=${width}:${height}`,
      ].concat(["-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]),
      { encoding: "buffer", maxBuffer: width * height * 3 + 1024 },
    );
    return { width, height, data: stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The mean absolute difference of two same-sized RGB pictures' channels, 0 to 255. */
export function meanDifference(a: Pixels, b: Pixels): number {
  if (a.data.length !== b.data.length) throw new Error(`sizes differ: ${a.width}×${a.height} and ${b.width}×${b.height}`);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / a.data.length;
}

/** Duration (s), width and height of an MP4, as ffprobe reads them. */
export async function probeMp4(mp4: Buffer): Promise<{ duration: number; width: number; height: number; codec: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "cg-clip-probe-"));
  try {
    const file = path.join(dir, "clip.mp4");
    await writeFile(file, mp4);
    const { stdout } = await run("ffprobe", ["-v", "error", "-of", "json", "-show_format", "-show_streams", file]);
    const json = JSON.parse(stdout) as {
      format: { duration: string };
      streams: Array<{ codec_type: string; codec_name: string; width: number; height: number }>;
    };
    const video = json.streams.find((s) => s.codec_type === "video");
    return { duration: Number(json.format.duration), width: video?.width ?? 0, height: video?.height ?? 0, codec: video?.codec_name ?? "" };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
