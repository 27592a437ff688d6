import { z } from "zod";
import { type ImageModel, fields, type imageSizes, limits } from "./input.js";
import { transcriptionLimits } from "./transcription-rules.js";

const { vocabulary } = transcriptionLimits;

/** What `/settings` holds for a server or team, or one channel; null clears a field. */
export const chatSettingsFields = {
  imageSize: fields.imageSize.nullable().optional(),
  /** The model a generation without one runs on. */
  model: fields.imageModel.nullable().optional(),
  /** A finished LoRA of the workspace, by its job id. */
  lora: z.string().min(1).max(64).nullable().optional(),
  privateResults: z.boolean().nullable().optional(),
  maxImages: z.number().int().min(limits.imageCount.min).max(limits.imageCount.max).nullable().optional(),
  trainers: z.enum(["everyone", "admins"]).nullable().optional(),
  monthlyBudgetUsd: z.number().positive().max(1_000_000).nullable().optional(),
  /** Terms every transcription here spells as given (keyterms_prompt), on top of a request's own; a channel's add to the team's. */
  vocabulary: z
    .array(fields.vocabularyTerm)
    .min(1)
    .max(vocabulary.max, `at most ${vocabulary.max} terms (AssemblyAI's keyterms_prompt)`)
    .nullable()
    .optional(),
  /** Every transcription here is redacted (redactPii); a member's request cannot turn it off. */
  redactPii: z.boolean().nullable().optional(),
  /** Meeting notes for a transcription that does not say (unset: on). */
  notes: z.boolean().nullable().optional(),
};

export const settingsScope = z.strictObject({
  /** A channel's id on its platform; without one, the whole server or team. */
  channelId: z
    .string()
    .regex(/^[A-Za-z0-9]{1,64}$/, "must be a channel id")
    .optional(),
});

export const setSettingsInput = settingsScope.extend(chatSettingsFields).strict();
export type SetSettingsInput = z.infer<typeof setSettingsInput>;

/** One layer of settings as stored: each field set or not. */
export interface SettingsLayer {
  imageSize: (typeof imageSizes)[number] | null;
  model: ImageModel | null;
  lora: string | null;
  privateResults: boolean | null;
  maxImages: number | null;
  trainers: "everyone" | "admins" | null;
  monthlyBudgetUsd: number | null;
  vocabulary: string[] | null;
  redactPii: boolean | null;
  notes: boolean | null;
}

export const emptyLayer: SettingsLayer = {
  imageSize: null,
  model: null,
  lora: null,
  privateResults: null,
  maxImages: null,
  trainers: null,
  monthlyBudgetUsd: null,
  vocabulary: null,
  redactPii: null,
  notes: null,
};

/**
 * A channel's layer over the server's, field by field; but a channel's vocabulary adds to the
 * team's, and redaction the team asks for holds in every channel.
 */
export function effectiveSettings(workspace: SettingsLayer, channel: SettingsLayer | null): SettingsLayer {
  const pick = <K extends keyof SettingsLayer>(k: K): SettingsLayer[K] => (channel?.[k] ?? workspace[k]) as SettingsLayer[K];
  return {
    imageSize: pick("imageSize"),
    model: pick("model"),
    lora: pick("lora"),
    privateResults: pick("privateResults"),
    maxImages: pick("maxImages"),
    trainers: pick("trainers"),
    monthlyBudgetUsd: pick("monthlyBudgetUsd"),
    vocabulary: mergedTerms(workspace.vocabulary ?? [], channel?.vocabulary ?? []),
    redactPii: workspace.redactPii === true || channel?.redactPii === true ? true : pick("redactPii"),
    notes: pick("notes"),
  };
}

/** Terms of several lists, each once (whatever its case), in the order first given; null when none. */
export function mergedTerms(...lists: string[][]): string[] | null {
  const seen = new Set<string>();
  const out = lists.flat().filter((t) => !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
  return out.length > 0 ? out : null;
}
