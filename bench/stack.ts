import { randomBytes } from "node:crypto";
import path from "node:path";
import { type LocalStack, startLocalStack } from "../infra/local-stack.js";
import { type Config, loadConfig } from "../shared/config.js";

/**
 * The embedded servers a bench run measures on, fresh, with a throwaway document database, and
 * the config to reach them. Requests and jobs are still counted per member, as in production,
 * but a load test is never refused or made to wait by one member's limits.
 */
export async function startBenchStack(log: (m: string) => void): Promise<{ stack: LocalStack; config: Config }> {
  const base = loadConfig();
  const stack = await startLocalStack(base, {
    dataDir: path.resolve(base.dataDir, "bench"),
    fresh: true,
    docsDatabase: `bench_docs_${randomBytes(4).toString("hex")}`,
    throwawayDocs: true,
    log,
  });
  const many = 1_000_000_000;
  const config = {
    ...stack.config,
    limits: {
      ...stack.config.limits,
      requestsPerMinute: many,
      workspaceRequestsPerMinute: many,
      runningPerUser: { "lora-training": many, "image-generation": many, transcription: many, "video-generation": many },
      runningPerWorkspace: many,
      queuedPerUser: many,
      queuedPerWorkspace: many,
    },
  };
  return { stack, config };
}
