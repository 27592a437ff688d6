import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ffmpeg from "@ffmpeg-installer/ffmpeg";

const run = promisify(execFile);

/** An MP4 made at run time from one of ffmpeg's generated sources (`mandelbrot` moves, `color=…` does not). */
export async function makeVideo(source: string, seconds: number): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "cg-video-src-"));
  const file = path.join(dir, "clip.mp4");
  await run(ffmpeg.path, [
    "-hide_banner",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    source,
    "-t",
    String(seconds),
    "-pix_fmt",
    "yuv420p",
    "-c:v",
    "libx264",
    file,
  ]);
  return readFile(file);
}
