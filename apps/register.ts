import { inviteUrl } from "../bots/discord/permissions.js";
import { registerCommands } from "../bots/discord/register-commands.js";
import { requireDiscordSettings } from "../shared/chat/discord-settings.js";
import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";

/** `npm run discord:register [-- --guild <id>]`: publishes the Discord slash commands. */
async function main() {
  const config = loadConfig();
  requireDiscordSettings(config, ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID"]);
  const { token = "", applicationId = "", apiUrl } = config.discord;
  const guildFlag = process.argv.indexOf("--guild");
  const guildId = guildFlag >= 0 ? process.argv[guildFlag + 1] : config.discord.guildId;
  const registered = await registerCommands({ token, applicationId, apiUrl, guildId });
  process.stdout.write(`registered ${registered.length} commands ${guildId ? `in guild ${guildId}` : "globally"}\n`);
  process.stdout.write(`invite the bot with: ${inviteUrl(applicationId)}\n`);
}

main().catch(exitWithError);
