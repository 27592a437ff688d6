import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import { contentTypeByName } from "../../shared/media-types.js";
import { UsageError } from "../errors.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { sharing, submitJob } from "./submit.js";
import { type LocalFile, localFile, pendingUploadKey, uploadChecked } from "./upload.js";

type Dataset = { imageKeys: string[] } | { videoKey: string } | { imagesZipKey: string };

/** The training data as the API takes it: a zip, a video, or a folder of images (each uploaded on its own); every file checked first. */
type DatasetKind = "imageKeys" | "videoKey" | "imagesZipKey";

async function datasetFiles(source: string): Promise<{ kind: DatasetKind; files: LocalFile[] }> {
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new UsageError(`${source} does not exist`);
  if (info.isDirectory()) {
    const names = (await readdir(source)).filter((f) => /^image\//.test(contentTypeByName(f) ?? "")).sort();
    const files = await Promise.all(names.map((f) => localFile(path.join(source, f), /^image\//, "an image")));
    return { kind: "imageKeys", files };
  }
  if ((contentTypeByName(source) ?? "").startsWith("video/"))
    return { kind: "videoKey", files: [await localFile(source, /^video\//, "a video")] };
  return {
    kind: "imagesZipKey",
    files: [await localFile(source, /^application\/zip$/, "a zip of images, a video or a folder of images")],
  };
}

/** Stands for the training data while the flags are checked, before the data is read. */
const TRAINING_DATA = "training-data.zip";

const dataset = (kind: DatasetKind, keys: string[]): Dataset =>
  kind === "imageKeys" ? { imageKeys: keys } : kind === "videoKey" ? { videoKey: keys[0] as string } : { imagesZipKey: keys[0] as string };

export async function train(ctx: CliContext, a: Args): Promise<void> {
  const trigger = str(a, "trigger");
  if (!trigger) throw new UsageError("train needs --trigger <word>: the word that calls the LoRA in prompts");
  const input = (data: Dataset): CreateJobInputRaw => ({
    type: "lora-training",
    ...data,
    triggerWord: trigger,
    steps: num(a, "steps"),
    mode: str(a, "mode") as "subject" | "style" | undefined,
    ...sharing(a),
  });
  // The trigger word and the other flags are refused before the training data is even looked at,
  checkJobInput(a.command, input({ imagesZipKey: `temp/local/local/pending/${TRAINING_DATA}` }));
  const { kind, files } = await datasetFiles(a.positionals[0] as string);
  // and the number of images before a single upload.
  checkJobInput(a.command, input(dataset(kind, files.map(pendingUploadKey))));
  const keys: string[] = [];
  for (const f of files) keys.push(await uploadChecked(ctx, f));
  await submitJob(ctx, a, input(dataset(kind, keys)));
}
