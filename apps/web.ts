import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { startBoss } from "../queue/boss.js";
import { createPgBossQueue } from "../queue/job-queue.js";
import { startServer } from "../server/serve.js";
import { slackMount } from "./mount-slack.js";

/** The production web process (Fly's `web` group): every URL comes from the environment, nothing is started locally. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const boss = await startBoss(config.databaseUrl, { onError: (err) => logger.error({ err }, "queue error") });
  const slack = slackMount(config, logger);
  const server = await startServer(config, logger, createPgBossQueue(boss), slack ? [slack] : []);
  logger.info({ url: server.url }, "listening");
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server.stop();
    await boss.stop({ graceful: true, timeout: 5_000 });
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch(exitWithError);
