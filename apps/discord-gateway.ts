import { createDiscordBot } from "../bots/discord/client.js";
import { discordFileOrigins } from "../bots/file-origins.js";
import { requireDiscordSettings } from "../shared/chat/discord-settings.js";
import { GatewayTakenError, holdGatewayLock } from "../shared/chat/gateway-lock.js";
import type { Config } from "../shared/config.js";
import type { Logger } from "../shared/logger.js";

/**
 * The Discord bot's gateway client, for `npm run bot` and `npm start`: it first takes the bot's
 * lock (shared/chat/gateway-lock.ts), so whichever starts second refuses with GatewayTakenError
 * instead of answering every command a second time. `onLost`: another process took the lock
 * while the database was away, and this client was stopped.
 */
export async function startDiscordGateway(
  config: Config,
  logger: Logger,
  opts: { apiUrl: string; onLost(err: Error): void },
): Promise<{ stop(): Promise<void> }> {
  requireDiscordSettings(config, ["DISCORD_TOKEN", "DISCORD_BOT_API_KEY"]);
  const { token = "", botApiKey = "", apiUrl } = config.discord;
  let bot: ReturnType<typeof createDiscordBot> | undefined;
  const lock = await holdGatewayLock(config.databaseUrl, token, (err) => {
    void bot?.stop().finally(() => opts.onLost(err));
  });
  try {
    bot = createDiscordBot({
      token,
      apiUrl,
      api: { url: opts.apiUrl, key: botApiKey },
      files: { allowedOrigins: discordFileOrigins(config), maxBytes: config.chat.maxFileBytes },
      logger,
    });
    await bot.start();
  } catch (err) {
    await lock.release();
    throw err;
  }
  const started = bot;
  return {
    async stop() {
      await started.stop();
      await lock.release();
    },
  };
}

/**
 * `npm start`'s Discord bot, when DISCORD_TOKEN and DISCORD_BOT_API_KEY are set: unless another
 * process (`npm run bot`) already runs it, in which case that one answers and this says so.
 */
export async function startDevDiscordBot(config: Config, logger: Logger, apiUrl: string): Promise<{ stop(): Promise<void> } | undefined> {
  if (!config.discord.token) return undefined;
  if (!config.discord.botApiKey) {
    logger.warn(
      "DISCORD_TOKEN is set but DISCORD_BOT_API_KEY is not: the Discord bot does not start (npm run cli -- keys create --bot discord)",
    );
    return undefined;
  }
  const log = logger.child({ component: "discord" });
  try {
    return await startDiscordGateway(config, log, {
      apiUrl,
      onLost: (err) => log.error({ err }, "the Discord bot stopped here: another process took it while the database was away"),
    });
  } catch (err) {
    if (!(err instanceof GatewayTakenError)) throw err;
    log.warn(`the Discord bot runs elsewhere, not in this process: ${err.message}`);
    return undefined;
  }
}
