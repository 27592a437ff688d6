import type { ChatReply } from "../../shared/chat/reply.js";
import type { SettingsLayer } from "../../shared/jobs/settings.js";

const names: Record<keyof SettingsLayer, string> = {
  imageSize: "Default size",
  lora: "Default LoRA",
  privateResults: "Results private",
  maxImages: "Most images per request",
  trainers: "Who may train LoRAs",
  monthlyBudgetUsd: "Monthly budget (USD)",
};

const shown = (v: unknown) => (v === null || v === undefined ? "not set" : v === true ? "yes" : v === false ? "no" : String(v));

/** `/settings show`: what applies in this channel, and where each value comes from. */
export function settingsReply(s: { workspace: SettingsLayer; channel: SettingsLayer | null; effective: SettingsLayer }, loraNames: Map<string, string> = new Map()): ChatReply {
  const fields = (Object.keys(names) as Array<keyof SettingsLayer>).map((k) => {
    const value = s.effective[k];
    const from = value === null ? "" : s.channel?.[k] !== null && s.channel?.[k] !== undefined ? " (this channel)" : " (whole server or team)";
    const text = k === "lora" && typeof value === "string" ? (loraNames.get(value) ?? value) : shown(value);
    return { name: names[k], value: `${text}${from}` };
  });
  return { title: "Settings here", tone: "info", lines: ["Admins change them with /settings set; a channel's value overrides the server's or team's."], fields };
}
