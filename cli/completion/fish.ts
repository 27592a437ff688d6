import { type Command, type Flag, commandName } from "../spec/index.js";
import { model, valuesOf } from "./model.js";

/** A string in single quotes for fish. */
const q = (s: string) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

function flagLine(condition: string, f: Flag): string {
  const parts = ["complete -c cg", `-n ${q(condition)}`, `-l ${f.name}`];
  if (f.short) parts.push(`-s ${f.short}`);
  const values = valuesOf(f);
  if (f.kind !== "boolean") parts.push(values ? `-x -a ${q(values.join(" "))}` : f.files ? "-r -F" : "-x");
  parts.push(`-d ${q(f.help)}`);
  return parts.join(" ");
}

function commandLines(c: Command): string[] {
  const condition = `__cg_is ${q(commandName(c))}`;
  return [`complete -c cg -n ${q(condition)} ${c.fileArgs ? "-F" : "-f"}`, ...c.flags.map((f) => flagLine(condition, f))];
}

/** `cg completion fish`: completions made from the command table. */
export function fishScript(): string {
  const groups = model.groups;
  return `# cg completion for fish, made by \`cg completion fish\`: save it as ~/.config/fish/completions/cg.fish
function __cg_command --description 'the cg command on the line so far, such as "jobs wait"'
  set -l tokens (commandline -opc)
  set -l first $tokens[2]
  set -l second $tokens[3]
  switch "$first"
${groups
  .map(
    (g) => `    case ${g.word}
      if test -z "$second"; or string match -q -- '-*' "$second"
        echo "${g.word} ${g.fallback ?? g.subs[0]}"
      else
        echo "${g.word} $second"
      end`,
  )
  .join("\n")}
    case '*'
      echo "$first"
  end
end
function __cg_is --description 'whether the line so far is this cg command'
  test (__cg_command) = "$argv[1]"
end
function __cg_needs_command
  test (count (commandline -opc)) -eq 1
end
complete -c cg -f
complete -c cg -n __cg_needs_command -a ${q(model.topWords.join(" "))}
${groups.map((g) => `complete -c cg -n ${q(`test (count (commandline -opc)) -eq 2; and __fish_seen_subcommand_from ${g.word}`)} -a ${q(g.subs.join(" "))}`).join("\n")}
${model.globalFlags.map((f) => flagLine("true", f)).join("\n")}
${model.commands.flatMap(commandLines).join("\n")}
`;
}
