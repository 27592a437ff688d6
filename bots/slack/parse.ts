import { parseArgs } from "node:util";
import { fields, limits } from "../../shared/jobs/input.js";
import { CommandInputError } from "../core/explain.js";

/**
 * Slack passes a slash command's arguments as one string: `/generate a red fox --count 2 --private`.
 * Words are the main argument; `--name value` and `--flag` options may come anywhere.
 */
export function parseCommandText<const O extends Record<string, { type: "string" | "boolean" }>>(
  text: string,
  options: O,
  usage: string,
): { words: string; values: { [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string } } {
  try {
    const { values, positionals } = parseArgs({
      args: text.trim().split(/\s+/).filter(Boolean),
      options,
      allowPositionals: true,
      strict: true,
    });
    return { words: positionals.join(" "), values: values as never };
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/\. To specify a positional.*$/s, "") : "unreadable options";
    throw new CommandInputError((t) => t.unreadableOptions(reason, usage));
  }
}

export function parseInteger(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new CommandInputError((t) => t.wholeNumberOption(name, min, max));
  return n;
}

/** A seed as the API takes it, exact: a decimal string, refused here with the same bounds. */
export function parseSeed(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parsed = fields.seed.safeParse(value);
  if (!parsed.success) throw new CommandInputError((t) => t.seedOption(String(limits.seed.min), String(limits.seed.max)));
  return parsed.data;
}

/** Slack wraps links in angle brackets (`<https://…|label>`); the URL is the part before the bar. */
export function unwrapLink(text: string): string {
  const m = /^<([^|>]+)(\|[^>]*)?>$/.exec(text.trim());
  return m?.[1] ?? text.trim();
}

/** A Slack file permalink (`https://team.slack.com/files/U…/F…/name`) names the file by its id. */
export function slackFileId(link: string): string | undefined {
  return /\/files\/[A-Z0-9]+\/(F[A-Z0-9]+)/.exec(link)?.[1] ?? /^(F[A-Z0-9]{6,})$/.exec(link)?.[1];
}

/** Slack's web links without their labels (`<https://…|my photo.png>` → `<https://…>`): a label may hold spaces, a link is one word. */
export function withoutLinkLabels(text: string): string {
  return text.replace(/<(https?:\/\/[^|>\s]+)\|[^>]*>/gi, "<$1>");
}

/**
 * A flag whose value is quoted (`--prompt "a fox, at dusk"`, or in the curly quotes Slack's
 * clients may type), taken out of the text so the rest parses word by word; unquoted, the flag
 * stays for parseCommandText to read as one word.
 */
export function takeQuotedFlag(text: string, flag: string): { text: string; value?: string } {
  const quoted = new RegExp(`(^|\\s)--${flag}(?:=|\\s+)(?:"([^"]*)"|“([^”]*)”)`).exec(text);
  if (!quoted) return { text };
  return {
    text: [text.slice(0, quoted.index), text.slice(quoted.index + quoted[0].length)]
      .map((part) => part.trim())
      .filter(Boolean)
      .join(" "),
    value: quoted[2] ?? quoted[3] ?? "",
  };
}

/** A number option (`--weight 0.6`), refused here with its bounds. */
export function parseNumber(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) throw new CommandInputError((t) => t.weightOption(name, min, max));
  return n;
}
