import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * An MP4 made at run time by Debian's ffmpeg (the one the workers run, installed by the test
 * setup) from one of its generated sources (`mandelbrot` moves, `color=…` does not), with any
 * `metadata` tags given.
 */
export async function makeVideo(source: string, seconds: number, metadata: Record<string, string> = {}): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), "cg-video-src-"));
  const file = path.join(dir, "clip.mp4");
  await run("ffmpeg", [
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
    ...Object.entries(metadata).flatMap(([key, value]) => ["-metadata", `${key}=${value}`]),
    file,
  ]);
  return readFile(file);
}
