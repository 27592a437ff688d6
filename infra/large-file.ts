import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";

/** Writes `size` random bytes to a temp file in 1 MiB chunks; returns its path and SHA-256. */
export async function makeLargeFile(size: number, name = "model.safetensors"): Promise<{ file: string; sha256: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "cg-media-"));
  const file = path.join(dir, name);
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  const chunk = 1024 * 1024;
  for (let written = 0; written < size; written += chunk) {
    const bytes = randomBytes(Math.min(chunk, size - written));
    hash.update(bytes);
    if (!out.write(bytes)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  out.end();
  await finished(out);
  return { file, sha256: hash.digest("hex") };
}
