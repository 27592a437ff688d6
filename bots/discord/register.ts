import { REST, Routes } from "discord.js";
import { loadConfig } from "../../shared/config.js";
import { exitWithError } from "../../shared/fatal.js";
import { discordCommands } from "./commands/index.js";

/**
 * `npm run discord:register [-- --guild <id>]`: publishes the slash commands, to one guild
 * (visible at once; for development) or globally (can take up to an hour to appear).
 */
export async function registerCommands(opts: { token: string; applicationId: string; apiUrl: string; guildId?: string | undefined }) {
  const rest = new REST({ api: opts.apiUrl, version: "10" }).setToken(opts.token);
  const body = [...discordCommands.values()].map((c) => c.data.toJSON());
  const route = opts.guildId ? Routes.applicationGuildCommands(opts.applicationId, opts.guildId) : Routes.applicationCommands(opts.applicationId);
  return (await rest.put(route, { body })) as unknown[];
}

async function main() {
  const config = loadConfig();
  const { token, applicationId, apiUrl } = config.discord;
  if (!token || !applicationId) throw new Error("DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set to register commands");
  const guildFlag = process.argv.indexOf("--guild");
  const guildId = guildFlag >= 0 ? process.argv[guildFlag + 1] : config.discord.guildId;
  const registered = await registerCommands({ token, applicationId, apiUrl, guildId });
  process.stdout.write(`registered ${registered.length} commands ${guildId ? `in guild ${guildId}` : "globally"}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch(exitWithError);
