import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { contentTypeByName } from "../../shared/media-types.js";
import { UsageError } from "../client.js";
import type { CliContext } from "./context.js";
import { following, sharing, submitFlags, submitJob } from "./submit.js";
import { uploadLocalFile } from "./upload.js";

/** The training data as the API takes it: a zip, a video, or a folder of images uploaded one by one. */
async function uploadDataset(ctx: CliContext, source: string) {
  const info = await stat(source).catch(() => undefined);
  if (info?.isDirectory()) {
    const images = (await readdir(source)).filter((f) => /^image\//.test(contentTypeByName(f) ?? "")).sort();
    if (images.length < 4) throw new UsageError(`${source} holds ${images.length} PNG/JPEG/WebP images; training needs at least 4`);
    const imageKeys: string[] = [];
    for (const f of images) imageKeys.push(await uploadLocalFile(ctx, path.join(source, f), /^image\//, "an image"));
    return { imageKeys };
  }
  const type = contentTypeByName(source) ?? "";
  if (type.startsWith("video/")) return { videoKey: await uploadLocalFile(ctx, source, /^video\//, "a video") };
  return { imagesZipKey: await uploadLocalFile(ctx, source, /^application\/zip$/, "a zip of images, a video or a folder of images") };
}

export async function train(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      trigger: { type: "string" },
      steps: { type: "string" },
      mode: { type: "string" },
      ...submitFlags,
    },
  });
  const source = positionals[0];
  if (!source || !values.trigger)
    throw new UsageError(
      "usage: train <images.zip | video | folder of images> --trigger <word> [--steps n] [--mode subject|style] [--out <dir>]",
    );
  if (values.mode && values.mode !== "subject" && values.mode !== "style") throw new UsageError("--mode must be subject or style");
  const steps = values.steps === undefined ? undefined : Number(values.steps);
  if (steps !== undefined && !Number.isInteger(steps)) throw new UsageError("--steps must be a whole number");
  const dataset = await uploadDataset(ctx, source);
  await submitJob(
    ctx,
    {
      type: "lora-training",
      ...dataset,
      triggerWord: values.trigger,
      ...(steps !== undefined ? { steps } : {}),
      ...(values.mode ? { mode: values.mode as "subject" | "style" } : {}),
      ...sharing(values),
    },
    following(values),
  );
}
