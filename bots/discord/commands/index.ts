import type { DiscordCommand } from "./command.js";
import { generate } from "./generate.js";
import { assets, jobs, usage } from "./lists.js";
import { train } from "./train.js";
import { transcribe } from "./transcribe.js";

export const discordCommands: ReadonlyMap<string, DiscordCommand> = new Map(
  [generate, transcribe, train, jobs, assets, usage].map((c) => [c.data.name, c]),
);
