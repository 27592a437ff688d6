import { UsageError } from "../errors.js";
import { shells } from "../spec/admin-commands.js";
import { bashScript } from "./bash.js";
import { fishScript } from "./fish.js";
import { zshScript } from "./zsh.js";

export const completionScripts: Record<(typeof shells)[number], () => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

/** `completion bash|zsh|fish`: the script on stdout. */
export function completion(shell: string): string {
  const make = completionScripts[shell as (typeof shells)[number]];
  if (!make) throw new UsageError(`completion is made for ${shells.join(", ")}, not ${JSON.stringify(shell)}`);
  return make();
}
