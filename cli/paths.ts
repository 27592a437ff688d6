import path from "node:path";
import type { Args } from "./commands/context.js";

const isUrl = (text: string) => /^https?:\/\//i.test(text);

/**
 * The folder the person typed the command in. `npm run cli` runs the CLI from the repository's
 * root and says where it was started in INIT_CWD (read by shared/config.ts); run directly, it
 * is this process's own folder.
 */
export const userDir = (initCwd: string | undefined): string => initCwd ?? process.cwd();

/**
 * The line with every path made absolute from the person's folder: the arguments of a command
 * that takes files (a URL stays a URL) and the flags that name files or folders (--out). From
 * here on each path is absolute, so messages and printed paths show them the same way.
 */
export function fromUserDir(a: Args, dir: string): Args {
  const values = { ...a.values };
  for (const flag of a.command.flags) {
    const value = values[flag.name];
    if (flag.files && typeof value === "string") values[flag.name] = path.resolve(dir, value);
  }
  const positionals = a.command.fileArgs ? a.positionals.map((p) => (isUrl(p) ? p : path.resolve(dir, p))) : a.positionals;
  return { ...a, values, positionals };
}
