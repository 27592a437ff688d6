import { type Command, commandName } from "../spec/index.js";
import { allFlags, model, spellings, takesValue, valuesOf } from "./model.js";

/** What to complete after each flag of one command that takes a value, then its flags and whether its arguments are files. */
function commandCase(c: Command): string {
  const valueCases = allFlags(c)
    .filter(takesValue)
    .map((f) => {
      const values = valuesOf(f);
      const reply = values
        ? `COMPREPLY=($(compgen -W ${JSON.stringify(values.join(" "))} -- "$cur"))`
        : f.files
          ? `COMPREPLY=($(compgen -d -- "$cur"))`
          : "COMPREPLY=()";
      return `        ${spellings(f).join("|")}) ${reply}; return ;;`;
    });
  const flags = allFlags(c).flatMap(spellings).join(" ");
  return [
    `    ${JSON.stringify(commandName(c))})`,
    `      case "$prev" in`,
    ...valueCases,
    "      esac",
    `      flags=${JSON.stringify(flags)}; files=${c.fileArgs ? 1 : 0} ;;`,
  ].join("\n");
}

/** `cg completion bash`: a completion function made from the command table. */
export function bashScript(): string {
  const groups = model.groups;
  return `# cg completion for bash, made by \`cg completion bash\`: source it from ~/.bashrc, or save it as
# /etc/bash_completion.d/cg (or ~/.local/share/bash-completion/completions/cg).
_cg() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local cmd="\${COMP_WORDS[1]}" sub="\${COMP_WORDS[2]}" flags="" files=0
  COMPREPLY=()
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W ${JSON.stringify(model.topWords.join(" "))} -- "$cur"))
    return
  fi
  case "$cmd" in
${groups
  .map(
    (g) => `    ${g.word})
      if [[ $COMP_CWORD -eq 2 && "$cur" != -* ]]; then
        COMPREPLY=($(compgen -W ${JSON.stringify(g.subs.join(" "))} -- "$cur")); return
      fi
      if [[ "$sub" == -* ]]; then cmd="${g.word} ${g.fallback ?? g.subs[0]}"; else cmd="${g.word} $sub"; fi ;;`,
  )
  .join("\n")}
  esac
  case "$cmd" in
${model.commands.map(commandCase).join("\n")}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ $files -eq 1 ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _cg cg
`;
}
