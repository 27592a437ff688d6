import { z } from "zod";
import { type ImageModel, fields, type imageSizes, limits } from "./input.js";

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
}

export const emptyLayer: SettingsLayer = {
  imageSize: null,
  model: null,
  lora: null,
  privateResults: null,
  maxImages: null,
  trainers: null,
  monthlyBudgetUsd: null,
};

/** A channel's layer over the server's, field by field. */
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
  };
}
