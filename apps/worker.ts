import { loadConfig } from "../shared/config.js";
import { connectCore } from "../shared/connect.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { serveProcessMetrics } from "../shared/metrics/serve.js";
import { startBoss } from "../queue/boss.js";
import { WORKER_SHUTDOWN_GRACE_MS } from "../queue/queues.js";
import { createPgBossQueue } from "../queue/job-queue.js";
import { startWorkers, workerDeps } from "../queue/start-workers.js";

/** `npm run worker`: the worker process. Every server and provider comes from the environment. */
async function main() {
  const config = loadConfig();
  const logger = createLogger(config);
  const core = await connectCore(config, logger);
  const boss = await startBoss(config.databaseUrl, { onError: (err) => logger.error({ err }, "queue error") });
  const workers = await startWorkers(boss, workerDeps(config, logger, core, createPgBossQueue(boss)));
  const metrics = await serveProcessMetrics({ port: config.metricsPort, token: config.metricsToken, logger });
  logger.info("workers started");
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping workers");
    await workers.stop(WORKER_SHUTDOWN_GRACE_MS);
    await core.close();
    await metrics?.close();
    logger.flush(() => process.exit(0));
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch(exitWithError);
