import type { PublicJob } from "../../shared/jobs/view.js";
import type { InputText } from "../../shared/chat/locale/refusals.js";
import { imageModels, limits } from "../../shared/jobs/input.js";
import { type SizeChoice, parseSize } from "../../shared/jobs/typed-choices.js";
import { CommandInputError } from "./explain.js";
import { imageModelNamed, startGeneration } from "./actions.js";
import type { ChatRequest, Started } from "./request.js";

/**
 * The generate form both platforms show (a modal: `/generate` with no prompt, and "Edit prompt &
 * rerun" on a result, prefilled from it), as the text its fields hold.
 */
export interface GenerationForm {
  prompt: string;
  /** A preset (square_hd, or its name), a size (1024x768) or an aspect ratio (16:9). */
  size?: string | undefined;
  count?: string | undefined;
  /** Blank: a new seed. */
  seed?: string | undefined;
  /** A model's name (flux-schnell); blank: the channel's default, else the deployment's. */
  model?: string | undefined;
  /** A LoRA's trigger word or job id. */
  lora?: string | undefined;
  /** The LoRA's strength, 0 to 2. */
  loraScale?: string | undefined;
}

/** A form field's mistake, named so a form (Slack's modal) can show it beside that field. */
export class FormFieldError extends CommandInputError {
  constructor(
    readonly field: keyof GenerationForm,
    say: (t: InputText) => string,
  ) {
    super(say);
  }
}

export { parseSize, type SizeChoice };

/** The count: a whole number in range, or undefined when blank. */
function optionalCount(text: string | undefined): number | undefined {
  const t = text?.trim() ?? "";
  if (!t) return undefined;
  const n = Number(t);
  const { min, max } = limits.imageCount;
  if (!Number.isInteger(n) || n < min || n > max) throw new FormFieldError("count", (say) => say.count(min, max));
  return n;
}

/** The size field: its mistakes are the form's size field's. */
function sizeField(text: string): SizeChoice {
  try {
    return parseSize(text);
  } catch (err) {
    throw err instanceof CommandInputError ? new FormFieldError("size", err.say) : err;
  }
}

/** The form's fields checked and turned into a generation's options; each mistake named in words. */
export function readForm(form: GenerationForm) {
  const prompt = form.prompt.trim();
  if (!prompt) throw new FormFieldError("prompt", (say) => say.prompt);
  const seed = form.seed?.trim() || undefined;
  if (seed !== undefined && !(/^\d{1,20}$/.test(seed) && BigInt(seed) <= limits.seed.max))
    throw new FormFieldError("seed", (say) => say.seed(String(limits.seed.max)));
  const scaleText = form.loraScale?.trim();
  const loraScale = scaleText ? Number(scaleText) : undefined;
  if (loraScale !== undefined && !(loraScale >= limits.loraScale.min && loraScale <= limits.loraScale.max)) {
    throw new FormFieldError("loraScale", (say) => say.loraStrength(limits.loraScale.min, limits.loraScale.max));
  }
  const modelText = form.model?.trim();
  const model = modelText ? imageModelNamed(modelText) : undefined;
  if (modelText && !model) throw new FormFieldError("model", (say) => say.model(imageModels.join(", ")));
  return {
    prompt,
    model,
    size: form.size?.trim() ? sizeField(form.size) : undefined,
    count: optionalCount(form.count),
    seed,
    lora: form.lora?.trim() || undefined,
    loraScale,
  };
}

/** A result's options as the form's fields, for "Edit prompt & rerun". */
export function formFromJob(job: Pick<PublicJob, "input">): GenerationForm {
  const input = job.input as Record<string, unknown>;
  const lora = input.lora as { jobId?: string; scale?: number } | undefined;
  const size =
    typeof input.imageSize === "string"
      ? input.imageSize
      : typeof input.width === "number" && typeof input.height === "number"
        ? `${input.width}x${input.height}`
        : undefined;
  return {
    prompt: typeof input.prompt === "string" ? input.prompt : "",
    size,
    count: typeof input.count === "number" ? String(input.count) : undefined,
    // A rerun draws a new seed unless one is typed; the result's own is shown for copying.
    seed: undefined,
    model: typeof input.model === "string" ? input.model : undefined,
    lora: lora?.jobId,
    loraScale: lora?.scale === undefined ? undefined : String(lora.scale),
  };
}

/** A submitted form's generation: the clicker's or the commander's job. */
export async function startFromForm(req: ChatRequest, form: GenerationForm, isPrivate: boolean): Promise<Started> {
  return startGeneration(req, { ...readForm(form), private: isPrivate });
}

/** "annstyle" or "annstyle:0.8", as a one-line LoRA field holds a trigger word and a strength. */
export function splitLoraField(text: string | undefined): { lora?: string | undefined; loraScale?: string | undefined } {
  const m = /^\s*([^:\s]+)\s*(?::\s*([\d.]+))?\s*$/.exec(text ?? "");
  return m ? { lora: m[1], loraScale: m[2] } : {};
}

/**
 * Discord's one field for a model or a LoRA (a modal holds five inputs, and a LoRA runs on
 * FLUX.1 [dev] anyway): a model's name is the model, anything else a LoRA as splitLoraField reads it.
 */
export function splitModelOrLoraField(text: string | undefined): {
  model?: string | undefined;
  lora?: string | undefined;
  loraScale?: string | undefined;
} {
  const model = imageModelNamed(text ?? "");
  return model ? { model } : splitLoraField(text);
}

/** What Discord's model-or-LoRA field shows for a form: its LoRA (with a strength), else its model. */
export function modelOrLoraField(form: Partial<GenerationForm>): string | undefined {
  if (form.lora) return `${form.lora}${form.loraScale ? `:${form.loraScale}` : ""}`;
  return form.model;
}
