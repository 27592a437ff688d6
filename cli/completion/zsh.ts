import { type Command, commandName } from "../spec/index.js";
import { allFlags, model, shQuote, spellings, takesValue, valuesOf } from "./model.js";

function commandCase(c: Command): string {
  const valueCases = allFlags(c)
    .filter(takesValue)
    .map((f) => {
      const values = valuesOf(f);
      const reply = values ? `compadd -- ${values.map(shQuote).join(" ")}` : f.files ? "_files -/" : ":";
      return `        (${spellings(f).join("|")}) ${reply}; return ;;`;
    });
  const flags = allFlags(c).flatMap((f) => spellings(f).map((s) => shQuote(`${s}:${f.help.replace(/:/g, "\\:")}`)));
  return [
    `    (${shQuote(commandName(c))})`,
    "      case $prev in",
    ...valueCases,
    "      esac",
    `      flags=(${flags.join(" ")}); files=${c.fileArgs ? 1 : 0} ;;`,
  ].join("\n");
}

/** `cg completion zsh`: a completion function made from the command table. */
export function zshScript(): string {
  return `#compdef cg
# cg completion for zsh, made by \`cg completion zsh\`: save it as _cg in a folder of $fpath, or
# source it from ~/.zshrc after compinit.
_cg() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd=\${words[2]} sub=\${words[3]}
  local -a flags
  local files=0
  if (( CURRENT == 2 )); then
    compadd -- ${model.topWords.map(shQuote).join(" ")}
    return
  fi
  case $cmd in
${model.groups
  .map(
    (g) => `    (${g.word})
      if (( CURRENT == 3 )) && [[ $cur != -* ]]; then
        compadd -- ${g.subs.map(shQuote).join(" ")}; return
      fi
      if [[ $sub == -* ]]; then cmd="${g.word} ${g.fallback ?? g.subs[0]}"; else cmd="${g.word} $sub"; fi ;;`,
  )
  .join("\n")}
  esac
  case $cmd in
${model.commands.map(commandCase).join("\n")}
  esac
  if [[ $cur == -* ]]; then
    _describe -t flags flag flags
  elif (( files )); then
    _files
  fi
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _cg "$@"
else
  compdef _cg cg
fi
`;
}
