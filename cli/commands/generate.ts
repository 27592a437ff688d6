import { parseArgs } from "node:util";
import { type ImageSize, imageSizes } from "../../shared/jobs/input.js";
import { UsageError } from "../client.js";
import type { CliContext } from "./context.js";
import { following, sharing, submitFlags, submitJob } from "./submit.js";

const int = (name: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number`);
  return n;
};

export async function generate(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      size: { type: "string" },
      width: { type: "string" },
      height: { type: "string" },
      count: { type: "string", short: "n" },
      seed: { type: "string" },
      steps: { type: "string" },
      lora: { type: "string" },
      "lora-scale": { type: "string" },
      ...submitFlags,
    },
  });
  const prompt = positionals.join(" ");
  if (!prompt) throw new UsageError("usage: generate <prompt> [--size square_hd|…] [--count n] [--seed n] [--lora <jobId>] [--out <dir>]");
  if (values.size && !(imageSizes as readonly string[]).includes(values.size))
    throw new UsageError(`--size must be one of ${imageSizes.join(", ")}`);
  const scale = values["lora-scale"] === undefined ? undefined : Number(values["lora-scale"]);
  await submitJob(
    ctx,
    {
      type: "image-generation",
      prompt,
      ...(values.size ? { imageSize: values.size as ImageSize } : {}),
      width: int("width", values.width),
      height: int("height", values.height),
      count: int("count", values.count),
      // As typed: the API keeps seeds exact as decimal strings, and refuses one that is not.
      seed: values.seed,
      steps: int("steps", values.steps),
      ...(values.lora ? { lora: { jobId: values.lora, ...(scale !== undefined ? { scale } : {}) } } : {}),
      ...sharing(values),
    },
    following(values),
  );
}
