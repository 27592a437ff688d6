import { CommandInputError } from "../../shared/chat/input-error.js";
import path from "node:path";
import { type CreateJobInputRaw, type ImageModel, referenceRoles } from "../../shared/jobs/input.js";
import { referencesRefusal } from "../../shared/jobs/image-endpoints.js";
import { resolveLora } from "../../shared/jobs/lora-lookup.js";
import { parseSize } from "../../shared/jobs/typed-choices.js";
import { UsageError } from "../errors.js";
import { checkJobInput } from "../validate.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { type KeyOf, type Picture, asSource, filesOf, jobPicturePattern, pictureArg, uploadAll } from "./picture-args.js";
import { sharing, submitJob } from "./submit.js";
import { pendingUploadKey } from "./upload.js";

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

/** `--ref role=picture[:weight]`: the role, the picture (a file from the person's folder, or jobId[:n]) and its weight. */
export async function refFlag(ctx: CliContext, text: string): Promise<{ role: string; picture: Picture; weight?: number }> {
  const m = /^([a-z]+)=(.+?)(?::(\d*\.?\d+))?$/.exec(text);
  if (!m) throw new UsageError(`--ref: ${JSON.stringify(text)} is not role=picture[:weight], such as style=a.png:0.6`);
  let [, role = "", where = "", weight] = m;
  // After a bare job id a whole number is its picture's number (jobId:2); a weight follows it (jobId:2:0.6) or has a point.
  if (weight !== undefined && /^\d+$/.test(weight) && jobPicturePattern.test(`${where}:${weight}`) && !where.includes(":")) {
    where = `${where}:${weight}`;
    weight = undefined;
  }
  if (!(referenceRoles as readonly string[]).includes(role))
    throw new UsageError(`--ref: the role must be one of ${referenceRoles.join(", ")}, not ${JSON.stringify(role)}`);
  const picture = await pictureArg(jobPicturePattern.test(where) ? where : path.resolve(ctx.dir, where), "--ref");
  return { role, picture, ...(weight !== undefined ? { weight: Number(weight) } : {}) };
}

export async function generate(ctx: CliContext, a: Args): Promise<void> {
  const refs: Awaited<ReturnType<typeof refFlag>>[] = [];
  for (const text of (a.values.ref as string[] | undefined) ?? []) refs.push(await refFlag(ctx, text));
  const references = (key: KeyOf) =>
    refs.length
      ? {
          references: refs.map((r) => ({
            ...asSource(r.picture, key),
            role: r.role as (typeof referenceRoles)[number],
            ...(r.weight !== undefined ? { weight: r.weight } : {}),
          })),
        }
      : {};
  const lora = str(a, "lora");
  const scale = num(a, "lora-scale");
  if (scale !== undefined && !lora) throw new UsageError("--lora-scale goes with --lora <trigger word|jobId>");
  const input = (
    loraJobId: string | undefined,
    key: KeyOf = pendingUploadKey,
  ): Extract<CreateJobInputRaw, { type: "image-generation" }> => ({
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
    aspectRatio: str(a, "aspect-ratio"),
    ...references(key),
    ...(loraJobId ? { lora: { jobId: loraJobId, ...(scale !== undefined ? { scale } : {}) } } : {}),
    ...sharing(a),
  });
  // Everything typed is checked before the API is asked anything, the LoRA's name included.
  const checked = input(lora ? UNRESOLVED_LORA : undefined);
  checkJobInput(a.command, checked);
  // Which references go together is the endpoints' rule, said here as the API would, before any upload.
  const refused = referencesRefusal(checked);
  if (refused) throw new UsageError(`--ref: ${refused}`);
  const loraJobId = lora ? await loraFlag(ctx, lora) : undefined;
  // The reference files are uploaded only once the rest is known to be right.
  const uploaded = await uploadAll(ctx, filesOf(refs.map((r) => r.picture)));
  await submitJob(ctx, a, input(loraJobId, uploaded));
}
