import path from "node:path";
import { startBoss } from "../queue/boss.js";
import { startChatSandbox } from "./chat-sandbox.js";
import { startDevDiscordBot } from "./discord-gateway.js";
import { slackMount } from "./mount-slack.js";
import { createPgBossQueue } from "../queue/job-queue.js";
import { startWorkers, workerDeps } from "../queue/start-workers.js";
import { startServer } from "../server/serve.js";
import { type Config, loadConfig, redactUrl } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { createLogger } from "../shared/logger.js";
import { startAssemblyAiFake } from "../infra/fakes/assemblyai/emulator.js";
import { startFalFake } from "../infra/fakes/fal/emulator.js";
import { type LocalStack, startLocalStack } from "../infra/local-stack.js";
import { prepareLocalStart } from "../infra/local-start.js";
import { LOCAL_MONGO_PORT, LOCAL_S3_PORT, noteLocalPorts } from "../infra/ports.js";

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
 * `npm start`: the whole service in one process on one machine. Servers the environment does not
 * name (MongoDB, S3) start from the embedded binaries with data under DATA_DIR; providers whose
 * keys are unset are served by local emulators; the API and the workers share the process.
 */
async function main() {
  const infraOnly = process.argv.includes("--infra-only");
  const loaded = loadConfig();
  const logger = createLogger(loaded);
  const base = await prepareLocalStart(loaded, (msg) => logger.info(msg));
  const stops: Array<() => Promise<unknown>> = [];

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    for (const stop of stops.splice(0).reverse()) await stop().catch((err) => logger.error({ err }, "stop failed"));
    logger.flush(() => process.exit(0));
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  let config = base;
  if (base.env !== "production" && (base.mongo.url === undefined || base.s3.endpoint === undefined)) {
    const stack: LocalStack = await startLocalStack(base, {
      dataDir: path.resolve(base.dataDir),
      mongoPort: LOCAL_MONGO_PORT,
      s3Port: LOCAL_S3_PORT,
      log: (msg) => logger.info(msg),
    });
    stops.push(() => stack.stop());
    config = stack.config;
    for (const p of stack.processes) logger.info({ pid: p.pid }, `${p.name} started`);
  }

  if (infraOnly) {
    process.stdout.write(
      `local servers are running; use them with:\n${envLines(config)
        .map((l) => `  ${l}`)
        .join("\n")}\n`,
    );
    return;
  }

  try {
    const trusted: string[] = [];
    if (config.env !== "production" && !config.providers.falKey) {
      // Its requests are kept under the data dir: a restart, even after a power loss, forgets
      // none that a worker holds an id for, as fal itself would not.
      const fal = await startFalFake({ dataDir: path.resolve(config.dataDir, "emulators", "fal") });
      stops.push(() => fal.close());
      trusted.push(fal.url);
      // The emulator signs its webhooks with its own keys: they are the ones to check them against.
      config = { ...config, providers: { ...config.providers, falKey: "local-emulator", falBaseUrl: fal.url, falJwksUrl: fal.jwksUrl } };
      logger.info(`FAL_KEY is unset: fal.ai is emulated at ${fal.url}, its webhook signatures checked against ${fal.jwksUrl}`);
    }
    if (config.env !== "production" && !config.providers.assemblyAiKey) {
      const aai = await startAssemblyAiFake({ dataDir: path.resolve(config.dataDir, "emulators", "assemblyai") });
      stops.push(() => aai.close());
      trusted.push(aai.url);
      config = {
        ...config,
        providers: { ...config.providers, assemblyAiKey: "local-emulator", assemblyAiBaseUrl: aai.url, assemblyAiLlmGatewayUrl: aai.url },
      };
      logger.info(`ASSEMBLYAI_API_KEY is unset: AssemblyAI is emulated at ${aai.url}`);
    }
    const sandbox = await startChatSandbox(config, logger);
    if (sandbox) stops.push(() => sandbox.close());
    config = sandbox?.config ?? config;
    const boss = await startBoss(config.databaseUrl, { onError: (err) => logger.error({ err }, "queue error") });
    stops.push(() => boss.stop({ graceful: true, timeout: 10_000 }));
    const slack = slackMount(config, logger);
    const server = await startServer(
      config,
      logger,
      createPgBossQueue(boss),
      [slack, sandbox?.mount].filter((m) => m !== undefined),
    );
    stops.push(() => server.stop());
    // The CLI reads it, so `cg` finds this stack's API on whatever port it took.
    await noteLocalPorts(path.resolve(config.dataDir), { web: Number(new URL(server.url).port) });
    const workers = await startWorkers(boss, workerDeps(config, logger, server.deps, createPgBossQueue(boss), { trustedOrigins: trusted }));
    stops.push(() => workers.stop(10_000));
    if (slack) logger.info(`Slack app at ${config.publicUrl ?? server.url}/slack/events`);
    const bot = await startDevDiscordBot(config, logger, server.url);
    if (bot) stops.push(() => bot.stop());
    process.stdout.write(`content-generation is listening on ${server.url} (health: ${server.url}/healthz)\n`);
    if (sandbox) process.stdout.write(`chat sandbox: ${server.url}/sandbox (the real bots on a local Discord and Slack)\n`);
  } catch (err) {
    // A signal during startup stops what has started so far; a step that then fails on a stopped
    // server is the shutdown's doing, and the shutdown ends the process.
    if (stopping) return;
    for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
    throw err;
  }
}

main().catch(exitWithError);
