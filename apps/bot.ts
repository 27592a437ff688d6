import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { serveProcessMetrics } from "../shared/metrics/serve.js";
import { discordFileOrigins } from "../bots/file-origins.js";
import { createDiscordBot } from "../bots/discord/client.js";

/** `npm run bot`: the Discord gateway process (Fly's `bot` group). Results are posted by the workers. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config).child({ component: "discord" });
  const { token, botApiKey, apiUrl } = config.discord;
  if (!token || !botApiKey) throw new Error("DISCORD_TOKEN and DISCORD_BOT_API_KEY must be set to run the Discord bot");
  const bot = createDiscordBot({
    token,
    apiUrl,
    api: { url: config.chat.apiUrl, key: botApiKey },
    files: { allowedOrigins: discordFileOrigins(config), maxBytes: config.chat.maxFileBytes },
    logger,
  });
  await bot.start();
  const metrics = await serveProcessMetrics({ port: config.metricsPort, token: config.metricsToken, logger });
  const shutdown = async () => {
    await bot.stop();
    await metrics?.close();
    logger.flush(() => process.exit(0));
  };
  process.once("SIGTERM", () => void shutdown());
  process.once("SIGINT", () => void shutdown());
}

main().catch(exitWithError);
