import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { finished } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { BlockedUrlError, guardedFetch } from "../../../shared/net/ssrf.js";
import { uploadStream } from "../../../shared/storage/upload.js";
import type { WorkerDeps } from "../../worker-deps.js";
import { PermanentJobError } from "../outcome.js";
import { countWritten } from "../store-file.js";

/** The largest clip stored: a 10-second 1080p clip is tens of MB; past this a clip is refused, not stored. */
export const MAX_CLIP_BYTES = 1024 * 1024 * 1024;
/** How long the whole download may take, body included. */
const CLIP_DOWNLOAD_MS = 15 * 60_000;

/**
 * Streams the provider's clip into S3 at `key` as it arrives (lib-storage's multipart upload holds
 * at most partSize × queueSize in memory, never the clip), copying the same bytes to `file` on
 * local disk for ffprobe and ffmpeg to read. Answers the bytes stored.
 */
export async function storeClip(
  deps: Pick<WorkerDeps, "storage" | "trustedOrigins">,
  url: string,
  key: string,
  file: string,
  signal?: AbortSignal,
): Promise<{ sizeBytes: number }> {
  let res: Response;
  try {
    res = await guardedFetch(url, { allowOrigins: deps.trustedOrigins, maxBytes: MAX_CLIP_BYTES, timeoutMs: CLIP_DOWNLOAD_MS });
  } catch (err) {
    if (err instanceof BlockedUrlError) throw new PermanentJobError(`the provider's clip URL was refused: ${err.message}`, "BLOCKED_URL");
    throw err;
  }
  if (!res.ok || !res.body) throw new Error(`clip download answered ${res.status}`);
  const disk = createWriteStream(file);
  let sizeBytes = 0;
  // Each chunk goes on once the disk took it: the download runs at the slower of S3 and the disk.
  const tee = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sizeBytes += chunk.length;
      if (sizeBytes > MAX_CLIP_BYTES)
        return done(new PermanentJobError(`the provider's clip is larger than ${MAX_CLIP_BYTES} bytes`, "TOO_LARGE"));
      if (disk.write(chunk)) return done(null, chunk);
      disk.once("drain", () => done(null, chunk));
    },
  });
  const source = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  source.on("error", (err) => tee.destroy(err));
  const body = source.pipe(tee);
  try {
    await uploadStream(deps.storage, { key, body, contentType: "video/mp4", ...(signal ? { signal } : {}) });
  } finally {
    disk.end();
    await finished(disk).catch(() => {});
  }
  countWritten(key, sizeBytes);
  return { sizeBytes };
}
