import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
// undici's own request, not the global fetch: the Node 24 bundled undici can crash the process
// when a server closes the connection while a streamed body is paused (nodejs/undici#5360).
import { request } from "undici";
import type { Progress } from "./progress.js";
import { ApiError } from "./errors.js";

/** Counts bytes going through and reports them, so a transfer shows its progress without buffering. */
function counter(onBytes: (total: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
}

/**
 * Streams a local file to a presigned PUT. The URL signs the exact size and content type, so
 * both are sent as declared; the file is never read into memory whole.
 */
export async function uploadFile(
  file: string,
  target: { url: string; headers: Record<string, string> },
  progress: Progress,
  label: string,
): Promise<void> {
  const { size } = await stat(file);
  const body = createReadStream(file).pipe(counter((n) => progress.update(label, n, size, "bytes")));
  const res = await request(target.url, { method: "PUT", headers: { ...target.headers, "content-length": String(size) }, body });
  const answer = await res.body.text();
  if (res.statusCode >= 300) throw new ApiError(`upload of ${file} failed: HTTP ${res.statusCode} ${answer.slice(0, 200)}`);
}

/**
 * Streams a URL to `dest` through a temporary file renamed at the end, so an interrupted
 * download never leaves a partial file under the real name.
 */
export async function downloadTo(url: string, dest: string, progress: Progress, label: string): Promise<number> {
  const res = await request(url);
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new ApiError(`download of ${label} failed: HTTP ${res.statusCode}`);
  }
  const size = Number(res.headers["content-length"] ?? 0);
  const partial = `${dest}.part`;
  let written = 0;
  try {
    await pipeline(
      res.body,
      counter((n) => {
        written = n;
        if (size > 0) progress.update(label, n, size, "bytes");
      }),
      createWriteStream(partial),
    );
    await rename(partial, dest);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
  return written;
}
