import { CommandInputError } from "../../shared/chat/input-error.js";
import type { CreateJobInputRaw, ImageModel } from "../../shared/jobs/input.js";
import { resolveLora } from "../../shared/jobs/lora-lookup.js";
import { parseSize } from "../../shared/jobs/typed-choices.js";
import { UsageError } from "../errors.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { sharing, submitJob } from "./submit.js";

/** Stands for a LoRA named by its trigger word while the rest of the input is checked, before asking the API which it is. */
const UNRESOLVED_LORA = "00000000-0000-4000-8000-000000000000";

/** `--size` as the bots read a size: a preset, WIDTHxHEIGHT or an aspect ratio. */
export function sizeFlag(text: string | undefined) {
  if (text === undefined) return {};
  try {
    return parseSize(text);
  } catch (err) {
    throw err instanceof CommandInputError ? new UsageError(`--size: ${err.message}`) : err;
  }
}

/** Whatever the API answers for a trigger word (no such LoRA, say) is a refusal of --lora. */
export async function loraFlag(ctx: CliContext, value: string): Promise<string> {
  try {
    return await resolveLora(ctx.api, value);
  } catch (err) {
    if (!(err instanceof CommandInputError)) throw err;
    throw new UsageError(`--lora: no finished LoRA called ${JSON.stringify(value)} here; cg jobs list --type lora-training lists them`);
  }
}

export async function generate(ctx: CliContext, a: Args): Promise<void> {
  const lora = str(a, "lora");
  const scale = num(a, "lora-scale");
  if (scale !== undefined && !lora) throw new UsageError("--lora-scale goes with --lora <trigger word|jobId>");
  const input = (loraJobId: string | undefined): CreateJobInputRaw => ({
    type: "image-generation",
    prompt: a.positionals.join(" "),
    width: num(a, "width"),
    height: num(a, "height"),
    // After --width and --height, so a size's own width and height are not undone by theirs.
    ...sizeFlag(str(a, "size")),
    count: num(a, "count"),
    // As typed: the API keeps seeds exact as decimal strings.
    seed: str(a, "seed"),
    steps: num(a, "steps"),
    guidance: num(a, "guidance"),
    model: str(a, "model") as ImageModel | undefined,
    outputFormat: str(a, "format") as "png" | "jpeg" | undefined,
    ...(loraJobId ? { lora: { jobId: loraJobId, ...(scale !== undefined ? { scale } : {}) } } : {}),
    ...sharing(a),
  });
  // Everything typed is checked before the API is asked anything, the LoRA's name included.
  checkJobInput(a.command, input(lora ? UNRESOLVED_LORA : undefined));
  await submitJob(ctx, a, input(lora ? await loraFlag(ctx, lora) : undefined));
}
