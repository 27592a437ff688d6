import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { startServer } from "./serve.js";

/** The production web process: every URL comes from the environment, nothing is started locally. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  logger.info({ url: server.url }, "listening");
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch(exitWithError);
