import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { storeClip } from "../queue/workers/video/store-clip.js";
import type { Config } from "../shared/config.js";
import { createStorage } from "../shared/storage/index.js";
import { uploadStream } from "../shared/storage/upload.js";

async function rss(field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
}

/**
 * One clip stored in a fresh process, so its peak RSS growth is the store's alone: the worker's
 * way (storeClip: the download streamed into a multipart upload, copied to disk as it passes), or
 * lib-storage's Upload straight from the download. Prints JSON.
 */
async function main() {
  const [mode, url, key, s3, origin] = process.argv.slice(2);
  if (!url || !key || !s3 || !origin)
    throw new Error("usage: video-child <worker|raw> <clip url> <key> <s3 settings as JSON> <fal origin>");
  const storage = createStorage(JSON.parse(s3) as Config["s3"]);
  await storage.client.config.endpoint?.();
  const dir = await mkdtemp(path.join(tmpdir(), "bench-clip-"));
  const before = await rss("VmRSS");
  await writeFile("/proc/self/clear_refs", "5");
  const t0 = performance.now();
  let bytes: number;
  if (mode === "worker") {
    bytes = (await storeClip({ storage, trustedOrigins: [origin] }, url, key, path.join(dir, "clip.mp4"))).sizeBytes;
  } else {
    const res = await fetch(url);
    bytes = Number(res.headers.get("content-length"));
    await uploadStream(storage, { key, body: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), contentType: "video/mp4" });
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, bytes, growthMiB: ((await rss("VmHWM")) - before) / 2 ** 20 })}\n`);
  storage.client.destroy();
  await rm(dir, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
