import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { Config } from "../shared/config.js";
import { createStorage, ensureBucket } from "../shared/storage/index.js";
import { makeLargeFile } from "../infra/large-file.js";
import type { Figure } from "./figure.js";

const run = promisify(execFile);
const BUCKET = "bench-upload";

async function inChild(
  config: Config,
  mode: "ranges" | "stream",
  file: string,
  key: string,
): Promise<{ seconds: number; growthMiB: number }> {
  // The embedded server's settings go as an argument: they are local-only credentials.
  const s3 = JSON.stringify({ ...config.s3, bucket: BUCKET });
  const { stdout } = await run(process.execPath, [
    "--import",
    "tsx",
    path.join(import.meta.dirname, "upload-child.ts"),
    mode,
    file,
    key,
    s3,
  ]);
  return JSON.parse(stdout) as { seconds: number; growthMiB: number };
}

/** The 125 MB model upload, each in a fresh process: byte-range parts from disk (the worker's way) beside lib-storage from a stream. */
export async function uploadBenchmark(config: Config, log: (m: string) => void): Promise<Figure[]> {
  const storage = createStorage({ ...config.s3, bucket: BUCKET });
  await ensureBucket(storage);
  storage.client.destroy();
  const { file } = await makeLargeFile(125_000_000);
  try {
    log("upload: 125 MB with lib-storage from a stream");
    const stream = await inChild(config, "stream", file, "loras/bench/a/v1/model.safetensors");
    log("upload: 125 MB by byte-range parts from disk");
    const ranges = await inChild(config, "ranges", file, "loras/bench/b/v1/model.safetensors");
    return [
      {
        name: "125 MB model upload time",
        value: ranges.seconds,
        unit: "s",
        baseline: "lib-storage stream upload",
        baselineValue: stream.seconds,
      },
      {
        name: "125 MB model upload peak RSS growth",
        value: ranges.growthMiB,
        unit: "MiB",
        baseline: "lib-storage stream upload",
        baselineValue: stream.growthMiB,
      },
    ];
  } finally {
    await rm(path.dirname(file), { recursive: true, force: true });
  }
}
