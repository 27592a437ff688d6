import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { settingsText } from "../../shared/chat/locale/settings.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import type { SettingsLayer } from "../../shared/jobs/settings.js";

/** Most characters of a list shown in one field: within Discord's 1,024 per embed field and Slack's 2,000 per section field. */
const LIST_CHARS = 900;

/** The terms that fit, then how many more there are. */
function termsShown(terms: string[]): string {
  let shown = "";
  for (const [i, term] of terms.entries()) {
    const next = shown ? `${shown}, ${term}` : term;
    if (next.length > LIST_CHARS) return `${shown} … (+${terms.length - i})`;
    shown = next;
  }
  return shown;
}

/** `/settings show`: what applies in this channel, and where each value comes from, in the asker's language. */
export function settingsReply(
  s: { workspace: SettingsLayer; channel: SettingsLayer | null; effective: SettingsLayer },
  loraNames: Map<string, string> = new Map(),
  locale: ChatLocale = "en",
): ChatReply {
  const t = settingsText[locale];
  const shown = <K extends keyof SettingsLayer>(k: K, v: SettingsLayer[K]): string => {
    if (v === null || v === undefined) return t.notSet;
    if (v === true) return t.yes;
    if (v === false) return t.no;
    if (k === "trainers") return t.trainers[v as "everyone" | "admins"];
    if (Array.isArray(v)) return termsShown(v);
    if (k === "lora") return loraNames.get(String(v)) ?? String(v);
    return String(v);
  };
  const fields = (Object.keys(t.names) as Array<keyof SettingsLayer>).map((k) => {
    const value = s.effective[k];
    const from =
      value === null ? "" : s.channel?.[k] !== null && s.channel?.[k] !== undefined ? ` (${t.fromChannel})` : ` (${t.fromWorkspace})`;
    return { name: t.names[k], value: `${shown(k, value)}${from}` };
  });
  return { title: t.title, tone: "info", lines: [t.line], fields };
}
