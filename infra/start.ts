import path from "node:path";
import { type Config, loadConfig, redactUrl } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { startServer } from "../server/serve.js";
import { type LocalStack, startLocalStack } from "./local-stack.js";
import { LOCAL_MONGO_PORT, LOCAL_S3_PORT } from "./ports.js";


function envLines(config: Config): string[] {
  return [
    `DATABASE_URL=${redactUrl(config.databaseUrl)}`,
    `MONGODB_URL=${config.mongo.url}`,
    `S3_ENDPOINT=${config.s3.endpoint}`,
    `S3_ACCESS_KEY_ID=${config.s3.accessKeyId}`,
    `S3_SECRET_ACCESS_KEY=${config.s3.secretAccessKey}`,
  ];
}

/**
 * `npm start`: the whole service on one machine. Servers the environment does not name
 * (MongoDB, S3) are started from the embedded binaries with data under DATA_DIR.
 */
async function main() {
  const infraOnly = process.argv.includes("--infra-only");
  const base = loadConfig();
  const logger = createLogger(base);
  let stack: LocalStack | undefined;
  let stopServer: (() => Promise<void>) | undefined;

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await stopServer?.().catch((err) => logger.error({ err }, "server stop failed"));
    await stack?.stop();
    logger.flush(() => process.exit(0));
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  let config = base;
  if (base.env !== "production" && (base.mongo.url === undefined || base.s3.endpoint === undefined)) {
    stack = await startLocalStack(base, {
      dataDir: path.resolve(base.dataDir),
      mongoPort: LOCAL_MONGO_PORT,
      s3Port: LOCAL_S3_PORT,
      log: (msg) => logger.info(msg),
    });
    config = stack.config;
    for (const p of stack.processes) logger.info({ pid: p.pid }, `${p.name} started`);
  }

  if (infraOnly) {
    process.stdout.write(`local servers are running; use them with:\n${envLines(config).map((l) => `  ${l}`).join("\n")}\n`);
    return;
  }

  try {
    const server = await startServer(config, logger);
    stopServer = server.stop;
    process.stdout.write(`content-generation is listening on ${server.url} (health: ${server.url}/healthz)\n`);
  } catch (err) {
    await stack?.stop();
    throw err;
  }
}

main().catch(exitWithError);
