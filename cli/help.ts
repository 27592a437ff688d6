import { type Command, type Flag, commandName, commands, commandsUnder, globalFlags } from "./spec/index.js";

const WIDTH = 100;
const via = {
  api: "Through the API (API_URL, default this machine's PORT; API_KEY):",
  database: "On the databases directly (DATABASE_URL, MONGODB_URL), for whoever runs the deployment:",
  local: "On this machine:",
} as const;

const flagName = (f: Flag) => `${f.short ? `-${f.short}, ` : ""}--${f.name}${f.value ? ` ${f.value}` : ""}`;
const flagShort = (f: Flag) => `[--${f.name}${f.value ? ` ${f.value}` : ""}]`;

/** Words laid out in lines of at most `width` characters. */
function lines(words: string[], width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

/** Words in lines of at most WIDTH, every line indented. */
const wrap = (words: string[], indent: string) =>
  lines(words, WIDTH - indent.length)
    .map((l) => indent + l)
    .join("\n");

/** A command in the overview: its words and arguments, what it does, and every flag it takes. */
function overview(c: Command): string {
  const head = `  ${[commandName(c), c.args].filter(Boolean).join(" ")}`;
  const indent = " ".repeat(36);
  const summary = lines(c.summary.split(" "), WIDTH - indent.length).join(`\n${indent}`);
  const first = head.length + 2 > indent.length ? `${head}\n${indent}${summary}` : `${head.padEnd(indent.length)}${summary}`;
  return c.flags.length ? `${first}\n${wrap(c.flags.map(flagShort), "      ")}` : first;
}

function flagTable(flags: readonly Flag[]): string {
  const width = Math.min(32, Math.max(...flags.map((f) => flagName(f).length)) + 4);
  const indent = " ".repeat(width);
  return flags
    .map((f) => {
      const name = `  ${flagName(f)}`;
      const head = name.length + 2 > width ? `${name}\n${indent}` : name.padEnd(width);
      return head + lines(f.help.split(" "), WIDTH - width).join(`\n${indent}`);
    })
    .join("\n");
}

/** `cg --help`: every command with every flag it takes, by where it runs. */
export function globalHelp(): string {
  const parts = [`usage: cg <command> [flags]        (in a checkout: npm run cli -- <command> [flags])`];
  for (const where of ["api", "database", "local"] as const) {
    parts.push(`\n${via[where]}`);
    for (const c of commands.filter((x) => x.via === where)) parts.push(overview(c));
  }
  parts.push(`\nFlags of every command:\n${flagTable(globalFlags)}`);
  parts.push(
    "\nWithout --json, progress goes to stderr and results to stdout.\nExit codes: 0 done, 1 refused or failed, 2 a wrong command line (nothing done), 130/143 SIGINT/SIGTERM.",
  );
  parts.push("cg <command> --help says what each flag does.");
  return parts.join("\n");
}

/** `cg generate --help`: what it does, its arguments and each flag with what it means. */
export function commandHelp(c: Command): string {
  const parts = [`usage: cg ${[commandName(c), c.args].filter(Boolean).join(" ")}${c.flags.length ? " [flags]" : ""}`, c.summary];
  if (c.via !== "local") parts.push(via[c.via].replace(/:$/, "."));
  if (c.flags.length) parts.push(`\nflags:\n${flagTable(c.flags)}`);
  parts.push(`\nflags of every command:\n${flagTable(globalFlags)}`);
  return parts.join("\n");
}

/** `cg jobs --help`: the commands under one word. */
export function groupHelp(word: string): string {
  const under = commandsUnder(word);
  const fallback = under.find((c) => c.isDefault);
  return [
    `usage: cg ${word} <command> [flags]${fallback ? ` (alone: cg ${commandName(fallback)})` : ""}`,
    ...under.map(overview),
    `\ncg ${word} <command> --help says what each flag does.`,
  ].join("\n");
}

export function helpFor(topic: Command | string | undefined): string {
  if (topic === undefined || topic === "help") return globalHelp();
  return typeof topic === "string" ? groupHelp(topic) : commandHelp(topic);
}
