import path from "node:path";
import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import type { VideoModel, VideoMotion } from "../../shared/jobs/video-endpoints.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { type Picture, asPictureRef, asSource, filesOf, jobPicturePattern, pictureArg, withUploads } from "./picture-args.js";
import { follow, sharing, submitJob } from "./submit.js";

type VideoInput = Extract<CreateJobInputRaw, { type: "video-generation" }>;

/** What every clip takes besides its source: the model, length and resolution, as typed; the endpoint's rules are the API's schema's. */
const clip = (a: Args) => ({
  model: str(a, "model") as VideoModel | undefined,
  duration: num(a, "duration"),
  resolution: str(a, "resolution") as VideoInput["resolution"],
});

/** `animate <file|jobId[:n]>`: the picture made into a clip, with an end frame where the model takes one. */
export async function animate(ctx: CliContext, a: Args): Promise<void> {
  const start = await pictureArg(a.positionals[0] as string, "animate");
  const endText = str(a, "end-frame");
  const end: Picture | undefined =
    endText === undefined
      ? undefined
      : await pictureArg(jobPicturePattern.test(endText) ? endText : path.resolve(ctx.dir, endText), "--end-frame");
  const input = await withUploads(
    ctx,
    filesOf(end ? [start, end] : [start]),
    (key): VideoInput => ({
      type: "video-generation",
      operation: "animate",
      ...asSource(start, key),
      ...(end ? { endFrame: asPictureRef(end, key) } : {}),
      motion: str(a, "motion") as VideoMotion | undefined,
      prompt: str(a, "prompt"),
      ...clip(a),
      ...sharing(a),
    }),
    (i) => checkJobInput(a.command, i),
  );
  await follow(ctx, a, await ctx.api.jobs.create.mutate(input));
}

/** `video <prompt…>`: a clip made from a prompt. */
export async function video(ctx: CliContext, a: Args): Promise<void> {
  await submitJob(ctx, a, {
    type: "video-generation",
    prompt: a.positionals.join(" "),
    aspectRatio: str(a, "aspect"),
    ...clip(a),
    ...sharing(a),
  });
}

/** `extend <jobId>`: the job's clip continued where it ends. */
export async function extend(ctx: CliContext, a: Args): Promise<void> {
  await submitJob(ctx, a, {
    type: "video-generation",
    operation: "extend",
    source: { jobId: a.positionals[0] as string, video: 1 },
    prompt: str(a, "prompt"),
    ...clip(a),
    ...sharing(a),
  });
}
