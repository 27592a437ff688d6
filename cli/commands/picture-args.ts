import { stat } from "node:fs/promises";
import { limits } from "../../shared/jobs/input.js";
import { MAX_PICTURE_BYTES } from "../../shared/jobs/picture-limits.js";
import { UsageError } from "../errors.js";
import type { CliContext } from "./context.js";
import { type LocalFile, localFile, pendingUploadKey, uploadChecked } from "./upload.js";

/** A job's picture as typed: its id, and `:n` for its n-th picture (image_1.png is 1, the default). */
export const jobPicturePattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?::(\d+))?$/i;

/** A picture an operation works on: one of a finished job's, or a file of this machine, uploaded once the input is checked. */
export type Picture = { source: { jobId: string; image: number } } | { file: LocalFile };

/** The image types the API takes as uploads (assets.uploadUrl). */
const imageTypes = /^image\/(png|jpeg|webp)$/;

/** What a picture stands for in a job's input, given the upload key of a file (a pending one while the input is checked). */
export type KeyOf = (f: LocalFile) => string;

/** Reads `<jobId>[:n]` or a file path (already made absolute from the person's folder); a file is checked, not yet uploaded. */
export async function pictureArg(text: string, what: string, accept = imageTypes, kind = "a PNG, JPEG or WebP picture"): Promise<Picture> {
  const job = jobPicturePattern.exec(text.split(/[\\/]/).at(-1) ?? text);
  const exists = await stat(text).catch(() => undefined);
  if (job && !exists) {
    const image = job[2] === undefined ? 1 : Number(job[2]);
    if (image < 1 || image > limits.imageCount.max)
      throw new UsageError(`${what}: ${job[1]}:${job[2]}: a job's picture is numbered 1-${limits.imageCount.max}`);
    return { source: { jobId: (job[1] as string).toLowerCase(), image } };
  }
  const file = await localFile(text, accept, kind).catch((err: unknown) => {
    throw err instanceof UsageError ? new UsageError(`${what}: ${err.message}; a picture is a file or <jobId>[:n]`) : err;
  });
  if (file.size > MAX_PICTURE_BYTES) throw new UsageError(`${what}: ${text} is larger than ${MAX_PICTURE_BYTES / 1024 / 1024} MiB`);
  return { file };
}

/** The picture as one operation's source: `source` or `uploadKey`. */
export const asSource = (p: Picture, key: KeyOf) => ("file" in p ? { uploadKey: key(p.file) } : { source: p.source });

/** The picture as one of several (a blend's): `{jobId, image}` or `{uploadKey}`. */
export const asPictureRef = (p: Picture, key: KeyOf) => ("file" in p ? { uploadKey: key(p.file) } : p.source);

/** Uploads the files, one after the other, and says which key each got. */
export async function uploadAll(ctx: CliContext, files: LocalFile[]): Promise<KeyOf> {
  const keys = new Map<LocalFile, string>();
  for (const f of files) keys.set(f, await uploadChecked(ctx, f));
  return (f) => keys.get(f) as string;
}

/**
 * Makes a job's input twice: first with pending upload keys, checked by the API's schema
 * (`check`), so a mistake is said before anything is uploaded; then, the files uploaded, with
 * their real keys.
 */
export async function withUploads<T>(ctx: CliContext, files: LocalFile[], build: (key: KeyOf) => T, check: (input: T) => void): Promise<T> {
  check(build(pendingUploadKey));
  return build(await uploadAll(ctx, files));
}

export const filesOf = (pictures: Picture[]): LocalFile[] => pictures.flatMap((p) => ("file" in p ? [p.file] : []));
