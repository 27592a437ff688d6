import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { TRPCClient } from "@trpc/client";
// undici's own request, not the global fetch: the undici bundled with Node 24 can crash the
// process when a server closes the connection while a streamed body is paused (nodejs/undici#5360).
import { request } from "undici";
import { contentTypeByName, safeFileName } from "../../../shared/media-types.js";
import type { AppRouter, Job } from "./router.js";

export interface TransferProgress {
  /** Bytes sent or received so far, and the total when it is known (0 when not). */
  onProgress?: (done: number, total: number) => void;
}

export interface UploadOptions extends TransferProgress {
  /** The file's type; by default from its extension (.png, .jpg, .webp, .zip, .wav, .mp3, .m4a, .mp4, …). */
  contentType?: string;
}

export interface DownloadOptions extends TransferProgress {
  /** Which version's files; by default the latest. */
  version?: number;
  /** Only this file (e.g. `image_2.png`); by default all of the version's files. */
  file?: string;
}

/** A transfer that the storage refused or that broke off; carries the HTTP status. */
export class TransferError extends Error {
  override name = "TransferError";
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

function counter(onBytes: ((total: number) => void) | undefined): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes?.(total);
      done(null, chunk);
    },
  });
}

/**
 * Puts a local file into the API's upload area through a presigned PUT and returns the key that
 * jobs.create takes (`uploadKey`, `imageKeys`, `imagesZipKey`, `videoKey`). The URL signs the
 * exact size and type, so both are sent as declared; the file is streamed, never read whole.
 */
export async function uploadFile(api: TRPCClient<AppRouter>, file: string, opts: UploadOptions = {}): Promise<{ uploadKey: string }> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new TransferError(`${file} is not a file`);
  const contentType = opts.contentType ?? contentTypeByName(file);
  if (!contentType) throw new TransferError(`${file}: unknown file type by its extension; pass contentType`);
  const target = await api.assets.uploadUrl.mutate({ fileName: safeFileName(file), contentType, sizeBytes: info.size });
  const body = createReadStream(file).pipe(counter((n) => opts.onProgress?.(n, info.size)));
  const res = await request(target.url, {
    method: "PUT",
    headers: { ...target.headers, "content-length": String(info.size) },
    body,
  });
  const answer = await res.body.text();
  if (res.statusCode >= 300)
    throw new TransferError(`upload of ${file} failed: HTTP ${res.statusCode} ${answer.slice(0, 200)}`, res.statusCode);
  return { uploadKey: target.uploadKey };
}

/** Streams a URL to `dest` through a temporary file renamed at the end: no partial file under the real name. */
async function downloadTo(url: string, dest: string, onProgress: TransferProgress["onProgress"]): Promise<void> {
  const res = await request(url);
  if (res.statusCode !== 200) {
    await res.body.dump();
    throw new TransferError(`download of ${path.basename(dest)} failed: HTTP ${res.statusCode}`, res.statusCode);
  }
  const size = Number(res.headers["content-length"] ?? 0);
  const partial = `${dest}.part`;
  try {
    await pipeline(
      res.body,
      counter((n) => onProgress?.(n, size)),
      createWriteStream(partial),
    );
    await rename(partial, dest);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/**
 * Saves a job's files into `dir` (made if missing), each through a fresh presigned URL, and
 * returns their paths. The names are the API's plain file names, so none can leave `dir`.
 */
export async function downloadJobFiles(
  api: TRPCClient<AppRouter>,
  jobOrId: string | Job,
  dir: string,
  opts: DownloadOptions = {},
): Promise<string[]> {
  const job = typeof jobOrId === "string" ? await api.jobs.get.query({ jobId: jobOrId }) : jobOrId;
  const version = opts.version ?? Math.max(0, ...job.files.map((f) => f.version));
  const files = job.files.filter((f) => f.version === version && (!opts.file || f.fileName === opts.file));
  if (files.length === 0) {
    throw new TransferError(`job ${job.jobId} has no ${opts.file ?? "files"} in version ${version} (status ${job.status})`);
  }
  await mkdir(dir, { recursive: true });
  const saved: string[] = [];
  for (const f of files) {
    const { url } = await api.assets.downloadUrl.query({ jobId: job.jobId, file: f.fileName, version: f.version, expiresIn: 300 });
    const dest = path.join(dir, path.basename(f.fileName));
    await downloadTo(url, dest, opts.onProgress);
    saved.push(dest);
  }
  return saved;
}
