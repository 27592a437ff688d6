import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { serveProcessMetrics } from "../shared/metrics/serve.js";
import { startDiscordGateway } from "./discord-gateway.js";

/**
 * `npm run bot`: the Discord gateway process (Fly's `bot` group). Results are posted by the
 * workers. It refuses to start while another process (`npm start`, another bot) holds the bot.
 */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config).child({ component: "discord" });
  const bot = await startDiscordGateway(config, logger, {
    apiUrl: config.chat.apiUrl,
    onLost: (err) => {
      process.stderr.write(`error: the Discord bot stopped: ${err.message}\n`);
      process.exit(1);
    },
  });
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
