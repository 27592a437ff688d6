import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { imageModels, imageSizes, limits } from "../../shared/jobs/input.js";
import { CommandInputError } from "../core/explain.js";
import { slackUsage } from "./commands.js";
import { listOf } from "../core/transcription-options.js";
import { parseCommandText, parseInteger, takeQuotedFlag } from "./parse.js";

const settingsOptions = {
  scope: { type: "string" },
  size: { type: "string" },
  model: { type: "string" },
  lora: { type: "string" },
  private: { type: "string" },
  "max-images": { type: "string" },
  training: { type: "string" },
  budget: { type: "string" },
  vocabulary: { type: "string" },
  "redact-pii": { type: "string" },
  notes: { type: "string" },
} as const;

/** The options of `/settings set` (the text after `set`), each as given: refused here when they cannot be read at all. */
export function readSettingsOptions(text: string, locale: ChatLocale) {
  // A vocabulary of several words is quoted: --vocabulary "Acme Cloud, Kubernetes".
  const vocabulary = takeQuotedFlag(text, "vocabulary");
  const values = parseCommandText(vocabulary.text, settingsOptions, slackUsage("settings", locale)).values;
  return vocabulary.value === undefined ? values : { ...values, vocabulary: vocabulary.value };
}

/**
 * The settings the options change, `clear` as null: the channel's unless `--scope team`. A LoRA
 * is named by its id or the start of its name, among the team's finished ones (`loraNames`).
 */
export function settingsChange(values: ReturnType<typeof readSettingsOptions>, channelId: string, loraNames: Map<string, string>) {
  const clearable = <T>(v: string | undefined, read: (v: string) => T) => (v === undefined ? undefined : v === "clear" ? null : read(v));
  const choice = <T extends string>(v: string, allowed: readonly T[], flag: string): T => {
    if (!(allowed as readonly string[]).includes(v))
      throw new CommandInputError((t) => t.optionChoice(flag, [...allowed, "clear"].join(", ")));
    return v as T;
  };
  const lora = clearable(values.lora, (v) => {
    const id = [...loraNames.keys()].find((k) => k === v || loraNames.get(k)?.toLowerCase().startsWith(v.toLowerCase()));
    if (!id) throw new CommandInputError((t) => t.noFinishedLora(v));
    return id;
  });
  return {
    ...(values.scope === "team" ? {} : { channelId }),
    imageSize: clearable(values.size, (v) => choice(v, imageSizes, "size")),
    model: clearable(values.model, (v) => choice(v, imageModels, "model")),
    lora,
    privateResults: clearable(values.private, (v) => choice(v, ["yes", "no"] as const, "private") === "yes"),
    maxImages: clearable(values["max-images"], (v) => parseInteger(v, "max-images", limits.imageCount.min, limits.imageCount.max) ?? null),
    trainers: clearable(values.training, (v) => choice(v, ["everyone", "admins"] as const, "training")),
    monthlyBudgetUsd: clearable(values.budget, (v) => {
      const usd = Number(v);
      if (!(usd > 0)) throw new CommandInputError((t) => t.budgetOption);
      return usd;
    }),
    vocabulary: clearable(values.vocabulary, (v) => listOf(v) ?? null),
    redactPii: clearable(values["redact-pii"], (v) => choice(v, ["yes", "no"] as const, "redact-pii") === "yes"),
    notes: clearable(values.notes, (v) => choice(v, ["yes", "no"] as const, "notes") === "yes"),
  };
}
