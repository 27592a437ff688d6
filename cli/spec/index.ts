import { adminCommands, localCommands } from "./admin-commands.js";
import { imageToolCommands } from "./image-tool-commands.js";
import { jobCommands } from "./job-commands.js";
import { meetingCommands } from "./meeting-commands.js";
import { readCommands } from "./read-commands.js";
import type { Command } from "./types.js";
import { videoCommands } from "./video-commands.js";

export { type Command, type Flag, globalFlags } from "./types.js";

/** Every command, in the order help lists them. */
export const commands: readonly Command[] = [
  ...jobCommands,
  ...imageToolCommands,
  ...videoCommands,
  ...meetingCommands,
  ...readCommands,
  ...adminCommands,
  ...localCommands,
];

export const commandName = (c: Command) => c.path.join(" ");

/** The words that start a command: `generate`, `jobs`, `keys`, … */
export const topWords = [...new Set(commands.map((c) => c.path[0] as string))];

/** The commands under a first word (`jobs` → list, get, wait, …). */
export const commandsUnder = (word: string) => commands.filter((c) => c.path[0] === word);
