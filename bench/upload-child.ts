import { createReadStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import type { Config } from "../shared/config.js";
import { createStorage } from "../shared/storage/index.js";
import { uploadFile, uploadStream } from "../shared/storage/upload.js";

async function rss(field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
}

/** One upload in a fresh process, so its peak RSS growth is the upload's alone. Prints JSON. */
async function main() {
  const [mode, file, key, s3] = process.argv.slice(2);
  if (!file || !key || !s3) throw new Error("usage: upload-child <ranges|stream> <file> <key> <s3 settings as JSON>");
  const storage = createStorage(JSON.parse(s3) as Config["s3"]);
  // Load the SDK's code paths first, so the figure is the transfer's and not module loading.
  await storage.client.config.endpoint?.();
  const before = await rss("VmRSS");
  await writeFile("/proc/self/clear_refs", "5");
  const t0 = performance.now();
  if (mode === "ranges") await uploadFile(storage, { key, file });
  else await uploadStream(storage, { key, body: createReadStream(file) });
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, growthMiB: ((await rss("VmHWM")) - before) / 2 ** 20 })}\n`);
  storage.client.destroy();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
