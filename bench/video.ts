import { execFile } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { startFalFake } from "../infra/fakes/fal/emulator.js";
import type { Config } from "../shared/config.js";
import { createStorage, ensureBucket } from "../shared/storage/index.js";
import type { Figure } from "./figure.js";

const run = promisify(execFile);
const BUCKET = "bench-video";

interface Stored {
  seconds: number;
  bytes: number;
  growthMiB: number;
}

async function inChild(config: Config, mode: "worker" | "raw", url: string, key: string, origin: string): Promise<Stored> {
  // The embedded server's settings go as an argument: they are local-only credentials.
  const s3 = JSON.stringify({ ...config.s3, bucket: BUCKET });
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "video-child.ts"), mode, url, key, s3, origin],
    {
      maxBuffer: 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as Stored;
}

/**
 * A 200 MB clip from the fal emulator (a real MP4 padded with a `free` box), each store in a
 * fresh process: the worker's storeClip (streamed to S3, copied to disk) beside lib-storage's
 * Upload of the same download, the raw way, in the same run.
 */
export async function videoBenchmark(config: Config, log: (m: string) => void): Promise<Figure[]> {
  const storage = createStorage({ ...config.s3, bucket: BUCKET });
  await ensureBucket(storage);
  storage.client.destroy();
  const fal = await startFalFake({ processingMs: 50 });
  fal.videoClip = "huge";
  try {
    const headers = { authorization: "Key bench", "content-type": "application/json" };
    const endpoint = "fal-ai/minimax/hailuo-02/standard/text-to-video";
    const submitted = (await (
      await fetch(`${fal.url}/${endpoint}`, { method: "POST", headers, body: JSON.stringify({ prompt: "a 200 MB clip", duration: "6" }) })
    ).json()) as { response_url: string };
    await sleep(100);
    const result = (await (await fetch(submitted.response_url, { headers })).json()) as { video: { url: string; file_size: number } };
    log(`video: a ${Math.round(result.video.file_size / 1e6)} MB clip stored by lib-storage's Upload straight from the download`);
    const raw = await inChild(config, "raw", result.video.url, "generated-videos/bench/raw/video_1.mp4", fal.url);
    log("video: the same clip stored by the worker's storeClip");
    const worker = await inChild(config, "worker", result.video.url, "generated-videos/bench/worker/video_1.mp4", fal.url);
    const mb = Math.round(worker.bytes / 1e6);
    return [
      {
        name: `${mb} MB clip store time`,
        value: worker.seconds,
        unit: "s",
        baseline: "lib-storage Upload from the download",
        baselineValue: raw.seconds,
      },
      {
        name: `${mb} MB clip store peak RSS growth`,
        value: worker.growthMiB,
        unit: "MiB",
        baseline: "lib-storage Upload from the download",
        baselineValue: raw.growthMiB,
      },
    ];
  } finally {
    await fal.close();
  }
}
