import type { CreateJobInputRaw } from "../../shared/jobs/input.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { sharing, submitJob } from "./submit.js";

/** The picture an operation works on: a finished image job's, by its number (image_1.png is 1). */
const source = (a: Args) => ({ jobId: a.positionals[0] as string, image: num(a, "image") ?? 1 });
const format = (a: Args) => str(a, "format") as "png" | "jpeg" | undefined;

/** `upscale <jobId>`: one picture made 2 or 4 times wider and taller. */
export async function upscale(ctx: CliContext, a: Args): Promise<void> {
  const scale = num(a, "scale") as 2 | 4 | undefined;
  await submitJob(ctx, a, {
    type: "image-generation",
    operation: "upscale",
    source: source(a),
    ...(scale !== undefined ? { scale } : {}),
    outputFormat: format(a),
    ...sharing(a),
  });
}

const tuning = (a: Args): Partial<CreateJobInputRaw> => ({
  count: num(a, "count"),
  seed: str(a, "seed"),
  guidance: num(a, "guidance"),
  outputFormat: format(a),
});

/** `vary <jobId>`: variations of one picture, strong or subtle, with its job's prompt unless another is given. */
export async function vary(ctx: CliContext, a: Args): Promise<void> {
  await submitJob(ctx, a, {
    type: "image-generation",
    operation: "vary",
    source: source(a),
    strength: str(a, "strength") as "strong" | "subtle" | undefined,
    prompt: str(a, "prompt"),
    steps: num(a, "steps"),
    ...tuning(a),
    ...sharing(a),
  } as CreateJobInputRaw);
}

/** `edit <jobId> <instruction…>`: one picture changed as the instruction says. */
export async function edit(ctx: CliContext, a: Args): Promise<void> {
  await submitJob(ctx, a, {
    type: "image-generation",
    operation: "edit",
    source: source(a),
    prompt: a.positionals.slice(1).join(" "),
    ...tuning(a),
    ...sharing(a),
  } as CreateJobInputRaw);
}
