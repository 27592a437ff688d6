import { stat } from "node:fs/promises";
import { contentTypeByName, safeFileName } from "../../shared/media-types.js";
import { UsageError } from "../errors.js";
import { uploadFile } from "../transfer.js";
import type { Args, CliContext } from "./context.js";

/** A local file that is there and of the kind asked for (by its extension), read before anything is uploaded. */
export interface LocalFile {
  path: string;
  name: string;
  contentType: string;
  size: number;
}

export async function localFile(file: string, accept: RegExp, what: string): Promise<LocalFile> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new UsageError(`${file} does not exist`);
  if (info.isDirectory()) throw new UsageError(`${file} is a folder, not a file`);
  if (!info.isFile()) throw new UsageError(`${file} is not a file`);
  const contentType = contentTypeByName(file);
  if (!contentType || !accept.test(contentType)) throw new UsageError(`${file} is not ${what} (by its extension)`);
  if (info.size === 0) throw new UsageError(`${file} is empty`);
  return { path: file, name: safeFileName(file), contentType, size: info.size };
}

/**
 * The upload key a file will have once uploaded, in its place while a job's input is checked
 * before any upload: the API's schema takes any key under temp/, so the check is the same.
 */
export const pendingUploadKey = (f: LocalFile) => `temp/local/local/pending/${f.name}`;

/** Puts a checked local file into the bucket's temp/ through a presigned PUT and returns its upload key. */
export async function uploadChecked(ctx: CliContext, f: LocalFile): Promise<string> {
  const target = await ctx.api.assets.uploadUrl.mutate({ fileName: f.name, contentType: f.contentType, sizeBytes: f.size });
  await uploadFile(f.path, target, ctx.progress, `upload ${f.name}`);
  ctx.progress.done(`uploaded ${f.name} (${f.size} bytes)`);
  return target.uploadKey;
}

/** `upload <file>`: the file into temp/, and its uploadKey on stdout for a job's input. */
export async function upload(ctx: CliContext, a: Args): Promise<void> {
  const f = await localFile(a.positionals[0] as string, /^(audio|video|image)\/|^application\/zip$/, "an audio, video, image or zip file");
  const uploadKey = await uploadChecked(ctx, f);
  return ctx.json ? ctx.result({ uploadKey }) : ctx.out(uploadKey);
}

/** `assets upload-url <file>`: the presigned PUT for that file, for uploading it another way. */
export async function uploadUrl(ctx: CliContext, a: Args): Promise<void> {
  const f = await localFile(a.positionals[0] as string, /^(audio|video|image)\/|^application\/zip$/, "an audio, video, image or zip file");
  const target = await ctx.api.assets.uploadUrl.mutate({ fileName: f.name, contentType: f.contentType, sizeBytes: f.size });
  if (ctx.json) return ctx.result(target);
  ctx.out(`uploadKey ${target.uploadKey}`);
  ctx.out(`${target.method} ${target.url}`);
  for (const [k, v] of Object.entries(target.headers)) ctx.out(`${k}: ${v}`);
  ctx.out(`expires ${target.expiresAt}`);
}
