import type { CreateJobInputRaw, PanDirection } from "../../shared/jobs/input.js";
import { UsageError } from "../errors.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, bool, num, str } from "./context.js";
import { type KeyOf, type Picture, asPictureRef, asSource, filesOf, pictureArg, withUploads } from "./picture-args.js";
import { follow, sharing } from "./submit.js";
import { localFile } from "./upload.js";

const format = (a: Args) => str(a, "format") as "png" | "jpeg" | undefined;

/** What the FLUX Fill operations and a blend take besides their pictures. */
const tuning = (a: Args) => ({ count: num(a, "count"), seed: str(a, "seed"), outputFormat: format(a) });

/** Checks the input, uploads the files it names, creates the job and follows it as the other commands do. */
async function run(ctx: CliContext, a: Args, pictures: Picture[], build: (key: KeyOf) => CreateJobInputRaw, extra = filesOf(pictures)) {
  const input = await withUploads(ctx, extra, build, (i) => checkJobInput(a.command, i));
  await follow(ctx, a, await ctx.api.jobs.create.mutate(input));
}

/** `describe <file|jobId[:n]>`: 4 prompts that would make the picture, and its aspect ratio. */
export async function describePicture(ctx: CliContext, a: Args): Promise<void> {
  const picture = await pictureArg(a.positionals[0] as string, "describe");
  await run(ctx, a, [picture], (key) => ({ type: "image-generation", operation: "describe", ...asSource(picture, key), ...sharing(a) }));
}

/** `blend a.png b.png …`: 2-4 pictures, files or jobs', blended into one. */
export async function blend(ctx: CliContext, a: Args): Promise<void> {
  const pictures: Picture[] = [];
  for (const [i, text] of a.positionals.entries()) pictures.push(await pictureArg(text, `blend picture ${i + 1}`));
  await run(ctx, a, pictures, (key) => ({
    type: "image-generation",
    operation: "blend",
    sources: pictures.map((p) => asPictureRef(p, key)),
    prompt: str(a, "prompt"),
    aspectRatio: str(a, "aspect-ratio"),
    guidance: num(a, "guidance"),
    ...tuning(a),
    ...sharing(a),
  }));
}

/** `zoom <file|jobId[:n]> --factor 2`: the frame grows around the picture, and FLUX Fill paints the new part. */
export async function zoom(ctx: CliContext, a: Args): Promise<void> {
  const picture = await pictureArg(a.positionals[0] as string, "zoom");
  await run(ctx, a, [picture], (key) => ({
    type: "image-generation",
    operation: "zoom-out",
    ...asSource(picture, key),
    factor: num(a, "factor"),
    prompt: str(a, "prompt"),
    aspectRatio: str(a, "aspect-ratio"),
    ...tuning(a),
    ...sharing(a),
  }));
}

const directions = ["left", "right", "up", "down"] as const satisfies readonly PanDirection[];

/** `pan <file|jobId[:n]> --left`: the picture extended on one side. */
export async function pan(ctx: CliContext, a: Args): Promise<void> {
  const chosen = directions.filter((d) => bool(a, d));
  if (chosen.length !== 1)
    throw new UsageError(
      chosen.length === 0
        ? "pan needs a direction: --left, --right, --up or --down"
        : `pan takes one direction, not ${chosen.map((d) => `--${d}`).join(" and ")}`,
    );
  const picture = await pictureArg(a.positionals[0] as string, "pan");
  await run(ctx, a, [picture], (key) => ({
    type: "image-generation",
    operation: "pan",
    ...asSource(picture, key),
    direction: chosen[0],
    amount: num(a, "amount"),
    prompt: str(a, "prompt"),
    ...tuning(a),
    ...sharing(a),
  }));
}

/** `--rect x,y,w,h`: a rectangle in the picture's pixels. */
export function rectFlag(text: string) {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p)))
    throw new UsageError(`--rect: ${JSON.stringify(text)} is not x,y,width,height in whole pixels, such as 100,120,150,100`);
  const [x, y, width, height] = parts.map(Number) as [number, number, number, number];
  if (width < 1 || height < 1) throw new UsageError(`--rect: ${text}: a rectangle is at least 1 pixel wide and tall`);
  return { x, y, width, height };
}

/** `vary-region <file|jobId[:n]> --mask m.png | --rect x,y,w,h … --prompt …`: FLUX Fill repaints that region. */
export async function varyRegion(ctx: CliContext, a: Args): Promise<void> {
  const rects = ((a.values.rect as string[] | undefined) ?? []).map(rectFlag);
  const maskPath = str(a, "mask");
  if (!rects.length && maskPath === undefined) throw new UsageError("vary-region needs a region: --mask mask.png or --rect x,y,w,h");
  if (str(a, "prompt") === undefined) throw new UsageError("vary-region needs --prompt: what to paint in the region");
  const picture = await pictureArg(a.positionals[0] as string, "vary-region");
  const mask =
    maskPath === undefined
      ? undefined
      : await localFile(maskPath, /^image\/png$/, "a PNG mask").catch((err: unknown) => {
          throw err instanceof UsageError ? new UsageError(`--mask: ${err.message}`) : err;
        });
  await run(
    ctx,
    a,
    [picture],
    (key) => ({
      type: "image-generation",
      operation: "vary-region",
      ...asSource(picture, key),
      region: { ...(rects.length ? { rects } : {}), ...(mask ? { maskUploadKey: key(mask) } : {}) },
      prompt: str(a, "prompt"),
      ...tuning(a),
      ...sharing(a),
    }),
    [...filesOf([picture]), ...(mask ? [mask] : [])],
  );
}
