import type { SlashOptions } from "../fakes/discord/index.js";

/**
 * A command typed as Discord's message box takes it (`/generate prompt:a fox size:16:9`), made
 * into the options of the command the bot registered. Text before any `name:` goes to the
 * command's first text option, so `/generate a fox` works too. Files picked for attachment
 * options count as given. Returns an error to show when Discord's client would not send it.
 */

type Option = { name: string; type: number; required?: boolean; autocomplete?: boolean; options?: Option[] };
type Command = { name: string; type?: number; options?: Option[] };

const SUBCOMMAND = 1;
const STRING = 3;
const INTEGER = 4;
const BOOLEAN = 5;
const NUMBER = 10;
const ATTACHMENT = 11;

function optionValue(option: Option, raw: string): string | number | boolean | Error {
  if (option.type === INTEGER || option.type === NUMBER) {
    const n = Number(raw);
    if (raw === "" || Number.isNaN(n) || (option.type === INTEGER && !Number.isInteger(n)))
      return new Error(`${option.name} takes a number`);
    return n;
  }
  if (option.type === BOOLEAN) {
    if (!/^(true|false)$/i.test(raw)) return new Error(`${option.name} takes true or false`);
    return raw.toLowerCase() === "true";
  }
  return raw;
}

type Values = Record<string, string | number | boolean>;

/** The options typed, and the last one named, whose value runs to the end of the text (the one being typed). */
function parseOptions(options: Option[], text: string, attached: string[], partial: boolean): { found: Values; last?: Option } | Error {
  const names = options.filter((o) => o.type !== ATTACHMENT).map((o) => o.name);
  const found: Values = {};
  const pattern = names.length ? new RegExp(`(?:^|\\s)(${names.join("|")}):`, "g") : undefined;
  const marks = pattern ? [...text.matchAll(pattern)] : [];
  const lead = (marks[0] ? text.slice(0, marks[0].index) : text).trim();
  if (lead) {
    const first = options.find((o) => o.type === STRING && o.required) ?? options.find((o) => o.type === STRING);
    if (!first) return new Error(`this command takes named options: ${names.map((n) => `${n}:`).join(" ") || "none"}`);
    found[first.name] = lead;
  }
  let last: Option | undefined;
  for (const [i, m] of marks.entries()) {
    const start = (m.index ?? 0) + m[0].length;
    const raw = text.slice(start, marks[i + 1]?.index ?? text.length).trim();
    last = options.find((o) => o.name === m[1]) as Option;
    const value = partial ? raw : optionValue(last, raw);
    if (value instanceof Error) return value;
    found[last.name] = value;
  }
  const files = options.filter((o) => o.type === ATTACHMENT).map((o) => o.name);
  const stray = attached.find((name) => !files.includes(name));
  if (stray)
    return new Error(
      files.length ? `${stray} is not a file option here; this command takes ${files.join(", ")}` : "this command takes no file",
    );
  if (partial) return last ? { found, last } : { found };
  const missing = options.filter((o) => o.required && !(o.name in found) && !attached.includes(o.name)).map((o) => o.name);
  if (missing.length) return new Error(`Discord asks for ${missing.map((n) => `${n}:`).join(", ")} before it sends the command`);
  return { found };
}

type Parsed = Pick<SlashOptions, "name" | "options"> & { last?: Option };

function parseTyped(commands: Command[], typed: string, attached: string[], partial: boolean): Parsed | Error {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(typed.trim());
  if (!m) return new Error("type a command, starting with /");
  const slash = commands.filter((c) => (c.type ?? 1) === 1);
  const command = slash.find((c) => c.name === m[1]);
  if (!command) return new Error(`no command /${m[1]} here; the bot has ${slash.map((c) => `/${c.name}`).join(", ")}`);
  const rest = m[2] ?? "";
  const subs = (command.options ?? []).filter((o) => o.type === SUBCOMMAND);
  if (subs.length) {
    const [word = "", ...more] = rest.split(/\s+/);
    const sub = subs.find((s) => s.name === word);
    if (!sub) return new Error(`/${command.name} needs one of: ${subs.map((s) => s.name).join(", ")}`);
    const parsed = parseOptions(sub.options ?? [], more.join(" "), attached, partial);
    return parsed instanceof Error
      ? parsed
      : { name: command.name, options: { [sub.name]: parsed.found }, ...(parsed.last ? { last: parsed.last } : {}) };
  }
  const parsed = parseOptions(command.options ?? [], rest, attached, partial);
  return parsed instanceof Error ? parsed : { name: command.name, options: parsed.found, ...(parsed.last ? { last: parsed.last } : {}) };
}

/** `attached`: the attachment options the member picked a file for. */
export function parseDiscordCommand(
  commands: Command[],
  typed: string,
  attached: string[] = [],
): Pick<SlashOptions, "name" | "options"> | Error {
  const parsed = parseTyped(commands, typed, attached, false);
  if (parsed instanceof Error) return parsed;
  return { name: parsed.name, options: parsed.options };
}

/**
 * What Discord's client sends for autocomplete while the member types a command: the options so
 * far, as typed, and the one being typed when the bot registered it with `autocomplete`.
 * Undefined when the option being typed has no autocomplete (or the command is not one yet).
 */
export function autocompleteOf(
  commands: Command[],
  typed: string,
): (Pick<SlashOptions, "name" | "options"> & { focused: string }) | undefined {
  const parsed = parseTyped(commands, typed, [], true);
  if (parsed instanceof Error || !parsed.last?.autocomplete) return undefined;
  return { name: parsed.name, options: parsed.options, focused: parsed.last.name };
}

/** Each command's attachment options, by command name: the files the page offers to pick. */
export function discordFileOptions(commands: Command[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const c of commands.filter((x) => (x.type ?? 1) === 1)) {
    const files = (c.options ?? []).filter((o) => o.type === ATTACHMENT).map((o) => o.name);
    if (files.length) found[c.name] = files;
  }
  return found;
}

/** How the commands read in the page's list: `/generate prompt: size: count: …`. */
export function discordUsage(commands: Command[]): string[] {
  return commands
    .filter((c) => (c.type ?? 1) === 1)
    .map((c) => {
      const opts = c.options ?? [];
      const subs = opts.filter((o) => o.type === SUBCOMMAND);
      const shown = subs.length
        ? subs.map((s) => s.name).join("|")
        : opts.map((o) => (o.type === ATTACHMENT ? `[${o.name}]` : `${o.name}:`)).join(" ");
      return `/${c.name} ${shown}`.trim();
    });
}
