import { REST, Routes } from "discord.js";
import { discordCommands, discordMessageCommands } from "./commands/index.js";

/**
 * Publishes the slash commands and the message commands (context menu), to one guild (visible at once; for development) or globally
 * (can take up to an hour to appear).
 */
export async function registerCommands(opts: { token: string; applicationId: string; apiUrl: string; guildId?: string | undefined }) {
  const rest = new REST({ api: opts.apiUrl, version: "10" }).setToken(opts.token);
  const body = [
    ...[...discordCommands.values()].map((c) => c.data.toJSON()),
    ...[...discordMessageCommands.values()].map((c) => c.data.toJSON()),
  ];
  const route = opts.guildId
    ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId)
    : Routes.applicationCommands(opts.applicationId);
  return (await rest.put(route, { body })) as unknown[];
}
