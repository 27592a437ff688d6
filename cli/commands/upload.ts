import { stat } from "node:fs/promises";
import { contentTypeByName, safeFileName } from "../../shared/media-types.js";
import { UsageError } from "../client.js";
import { uploadFile } from "../transfer.js";
import type { CliContext } from "./context.js";

/** Puts a local file into the bucket's temp/ through a presigned PUT and returns its upload key. */
export async function uploadLocalFile(ctx: CliContext, file: string, accept: RegExp, what: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UsageError(`${file} is not a file`);
  const contentType = contentTypeByName(file);
  if (!contentType || !accept.test(contentType)) throw new UsageError(`${file} is not ${what} (by its extension)`);
  const target = await ctx.api.assets.uploadUrl.mutate({ fileName: safeFileName(file), contentType, sizeBytes: info.size });
  await uploadFile(file, target, ctx.progress, `upload ${safeFileName(file)}`);
  ctx.progress.done(`uploaded ${safeFileName(file)} (${info.size} bytes)`);
  return target.uploadKey;
}
