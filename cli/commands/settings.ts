import { type SetSettingsInput, type SettingsLayer, setSettingsInput } from "../../shared/jobs/settings.js";
import { UsageError } from "../errors.js";
import { checkWith } from "../validate.js";
import { type Args, type CliContext, str } from "./context.js";
import { loraFlag } from "./generate.js";

/** `settings [get]`: the workspace's layer, the channel's and what applies there. */
export async function settingsGet(ctx: CliContext, a: Args): Promise<void> {
  const channelId = str(a, "channel");
  const s = await ctx.api.settings.get.query(channelId ? { channelId } : {});
  if (ctx.json) return ctx.result(s);
  const fields = Object.keys(s.effective) as Array<keyof SettingsLayer>;
  const shown = (v: unknown) => (v === null ? "-" : Array.isArray(v) ? v.join(",") : String(v));
  ctx.out(`${"setting".padEnd(18)} ${"workspace".padEnd(20)} ${channelId ? "channel".padEnd(20) : ""}applies`);
  for (const f of fields)
    ctx.out(
      `${f.padEnd(18)} ${shown(s.workspace[f]).padEnd(20)} ${channelId ? shown(s.channel?.[f] ?? null).padEnd(20) : ""}${shown(s.effective[f])}`,
    );
}

/** Each flag as the field's value: `none` clears it (null), numbers and switches read as such. */
function read(flag: string, raw: string): string | number | boolean | null {
  if (raw === "none") return null;
  if (flag === "private-results" || flag === "redact-pii" || flag === "notes") return raw === "true";
  if (flag === "max-images" || flag === "monthly-budget-usd") {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${flag} must be a number or none, not ${JSON.stringify(raw)}`);
    return n;
  }
  return raw;
}

/** A flag's value as the field takes it: a list for the vocabulary. */
function readField(flag: string, raw: string): unknown {
  const value = read(flag, raw);
  if (flag !== "vocabulary" || typeof value !== "string") return value;
  return value
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
}

/** `settings set --image-size … --model …`: changes only the fields given; each checked by the API's schema first. */
export async function settingsSet(ctx: CliContext, a: Args): Promise<void> {
  const input: Record<string, unknown> = {};
  const channelId = str(a, "channel");
  if (channelId) input.channelId = channelId;
  for (const flag of a.command.flags) {
    const raw = str(a, flag.name);
    if (!flag.field || raw === undefined) continue;
    input[flag.field] = readField(flag.name, raw);
  }
  if (Object.keys(input).length === (channelId ? 1 : 0))
    throw new UsageError("settings set needs a setting to change; see cg settings set --help");
  checkWith(setSettingsInput, a.command, input);
  if (typeof input.lora === "string") input.lora = await loraFlag(ctx, input.lora);
  const done = await ctx.api.settings.set.mutate(input as SetSettingsInput);
  if (ctx.json) return ctx.result(done);
  ctx.out(`settings changed${channelId ? ` for channel ${channelId}` : " for the workspace"}`);
}
