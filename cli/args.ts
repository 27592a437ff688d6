import { UsageError } from "./errors.js";
import { type Command, type Flag, commandName, commands, commandsUnder, globalFlags, topWords } from "./spec/index.js";
import { didYouMean } from "./suggest.js";

export type FlagValue = string | number | boolean | string[] | undefined;

export interface Globals {
  json: boolean;
  help: boolean;
  apiUrl?: string | undefined;
  key?: string | undefined;
  /** The member a service key acts for. */
  as?: string | undefined;
  pollMs?: number | undefined;
}

/** What a command line asks for: help (on a command, a group of commands, or everything), or a command to run. */
export type CommandLine =
  | { kind: "help"; topic?: Command | string | undefined; globals: Globals }
  | { kind: "run"; command: Command; values: Record<string, FlagValue>; positionals: string[]; globals: Globals };

const isFlag = (token: string) => token.startsWith("-") && token !== "-" && !/^-\d/.test(token);
const globalNamed = (name: string) => globalFlags.find((f) => f.name === name || f.short === name);

/** The words naming the command: the leading words, past any global flags and their values. */
function commandWords(argv: string[]): Array<{ word: string; index: number }> {
  const words: Array<{ word: string; index: number }> = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const token = argv[i] as string;
    if (token === "--") break;
    if (!isFlag(token)) {
      words.push({ word: token, index: i });
      continue;
    }
    const [name = "", inline] = token.replace(/^--?/, "").split(/=(.*)/s, 2);
    const global = globalNamed(name);
    if (!global) break;
    if (global.kind !== "boolean" && inline === undefined) i++;
  }
  return words;
}

/** The command the words name, and how many of them it took; unknown words are answered with the nearest command. */
function resolve(words: string[], help: boolean): { command?: Command; group?: string; used: number } {
  const [top, sub] = words;
  if (top === undefined) return { used: 0 };
  if (top === "help") return { group: "help", used: 1 };
  if (!topWords.includes(top)) throw new UsageError(`unknown command ${top}${didYouMean(top, topWords, "cg --help lists the commands")}`);
  const under = commandsUnder(top);
  if (under.length === 1 && under[0]?.path.length === 1) return { command: under[0], used: 1 };
  const named = under.find((c) => c.path[1] === sub);
  if (named) return { command: named, used: 2 };
  const fallback = under.find((c) => c.isDefault);
  if (sub === undefined) return fallback && !help ? { command: fallback, used: 1 } : { group: top, used: 1 };
  const subs = under.map((c) => c.path[1] as string);
  // A word after a group with a default command that takes arguments is that command's argument.
  if (fallback && fallback.positionals[1] > 0) return { command: fallback, used: 1 };
  throw new UsageError(`unknown command ${top} ${sub}${didYouMean(sub, subs, `cg ${top} --help lists them`, (s) => `${top} ${s}`)}`);
}

function readValue(flag: Flag, raw: string, shown: string): FlagValue {
  if (flag.choices && !flag.choices.includes(raw))
    throw new UsageError(`${shown} must be one of ${flag.choices.join(", ")}, not ${JSON.stringify(raw)}`);
  if (flag.kind === "int") {
    if (!/^[-+]?\d+$/.test(raw.trim())) throw new UsageError(`${shown} must be a whole number, not ${JSON.stringify(raw)}`);
    return Number(raw);
  }
  if (flag.kind === "number") {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${shown} must be a number, not ${JSON.stringify(raw)}`);
    return n;
  }
  return raw;
}

/**
 * Reads a command line against the table (spec/): the command, its flags (`--name value`,
 * `--name=value`, `-n 2`), global flags anywhere, `--` before arguments that start with a dash.
 * A value may start with a dash (`--seed -5`), so the command's own check can say what is wrong
 * with it. Every mistake is a UsageError of one line.
 */
export function parseCommandLine(argv: string[]): CommandLine {
  const words = commandWords(argv);
  const help = argv.some((t, i) => (t === "--help" || t === "-h") && !argv.slice(0, i).includes("--"));
  const { command, group, used } = resolve(
    words.map((w) => w.word),
    help,
  );
  const skip = new Set(words.slice(0, used).map((w) => w.index));
  const flags = [...(command?.flags ?? []), ...globalFlags];
  const values: Record<string, FlagValue> = {};
  const positionals: string[] = [];
  const where = command ? ` for ${commandName(command)}` : "";
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (skip.has(i)) continue;
    if (token === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!isFlag(token)) {
      positionals.push(token);
      continue;
    }
    const long = token.startsWith("--");
    const [name = "", inline] = token.slice(long ? 2 : 1).split(/=(.*)/s, 2);
    const flag = flags.find((f) => (long ? f.name === name : f.short === name));
    if (!flag) {
      if (help) continue;
      const list = command ? `cg ${commandName(command)} --help lists its flags` : "flags go after the command";
      const hint = long
        ? didYouMean(
            name,
            flags.map((f) => f.name),
            list,
            (c) => `--${c}`,
          )
        : `; ${list}`;
      throw new UsageError(`unknown flag ${long ? "--" : "-"}${name}${where}${hint}`);
    }
    const shown = `--${flag.name}`;
    if (flag.kind === "boolean") {
      if (inline !== undefined && inline !== "true" && inline !== "false") throw new UsageError(`${shown} takes no value`);
      values[flag.name] = inline !== "false";
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = argv[i + 1];
      // The next word is the value unless it is another flag (`--out --json`); `-5` is a value.
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${shown} needs a value: ${shown} ${flag.value ?? "<value>"}`);
      raw = next;
      i++;
    }
    const value = readValue(flag, raw, shown);
    if (flag.repeatable) values[flag.name] = [...((values[flag.name] as string[] | undefined) ?? []), String(value)];
    else values[flag.name] = value;
  }
  const globals: Globals = {
    json: values.json === true,
    help,
    apiUrl: values["api-url"] as string | undefined,
    key: values.key as string | undefined,
    as: values.as as string | undefined,
    pollMs: values["poll-ms"] as number | undefined,
  };
  if (group === "help") {
    const topic = positionals.length ? lookup(positionals) : undefined;
    return { kind: "help", topic, globals };
  }
  if (help || !command) return { kind: "help", topic: command ?? group, globals };
  const [min, max] = command.positionals;
  if (positionals.length < min)
    throw new UsageError(
      `${commandName(command)} needs ${command.args ?? "an argument"}: cg ${commandName(command)} ${command.args ?? ""}`.trim(),
    );
  if (positionals.length > max)
    throw new UsageError(
      max === 0
        ? `${commandName(command)} takes no arguments, but got ${JSON.stringify(positionals[0])}`
        : `${commandName(command)} takes ${command.args}, but got also ${JSON.stringify(positionals[max])}`,
    );
  return { kind: "run", command, values, positionals, globals };
}

/** `cg help jobs wait`: the command or group those words name. */
function lookup(words: string[]): Command | string {
  const { command, group } = resolve(words, true);
  return command ?? group ?? (commands[0] as Command);
}
