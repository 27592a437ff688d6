import { readFile, writeFile } from "node:fs/promises";
import type { Config } from "../../shared/config.js";
import { type Spawned, runEntry, waitFor } from "./processes.js";

/** The environment that makes a child process load `config`: the servers and providers of a test. */
export function configEnv(config: Config): Record<string, string | undefined> {
  return {
    NODE_ENV: "test",
    LOG_LEVEL: "info",
    DATABASE_URL: config.databaseUrl,
    MONGODB_URL: config.mongo.url,
    MONGODB_DB: config.mongo.db,
    S3_ENDPOINT: config.s3.endpoint,
    S3_REGION: config.s3.region,
    S3_BUCKET: config.s3.bucket,
    S3_ACCESS_KEY_ID: config.s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: config.s3.secretAccessKey,
    FAL_KEY: config.providers.falKey,
    FAL_BASE_URL: config.providers.falBaseUrl,
    ASSEMBLYAI_API_KEY: config.providers.assemblyAiKey,
    ASSEMBLYAI_BASE_URL: config.providers.assemblyAiBaseUrl,
    ASSEMBLYAI_LLM_GATEWAY_URL: config.providers.assemblyAiLlmGatewayUrl,
    PUBLIC_URL: config.publicUrl,
    LINK_SIGNING_SECRET: config.links.signingSecret,
    FAL_JWKS_URL: config.providers.falJwksUrl,
  };
}

/** `npm run worker` as its own process, on the same servers and providers as the test's API. */
export async function spawnWorker(config: Config, env: Record<string, string> = {}): Promise<Spawned> {
  const worker = runEntry("apps/worker.ts", { ...configEnv(config), ...env });
  await waitFor(() => (worker.stdout().includes("workers started") ? true : undefined), 60_000, `the worker to start: ${worker.stderr()}`);
  return worker;
}

async function statusField(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** Peak RSS growth of another process: reset its high-water mark now, read it at `stop()`. */
export async function watchPeakRss(pid: number): Promise<{ stop(): Promise<{ baselineBytes: number; growthBytes: number }> }> {
  const baselineBytes = await statusField(pid, "VmRSS");
  await writeFile(`/proc/${pid}/clear_refs`, "5");
  return {
    async stop() {
      const peak = await statusField(pid, "VmHWM");
      return { baselineBytes, growthBytes: peak - baselineBytes };
    },
  };
}
