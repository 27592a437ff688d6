import path from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalStack } from "../infra/local-stack.js";
import { loadConfig } from "../shared/config.js";

export interface TestStack {
  databaseUrl: string;
  mongoUrl: string;
  s3Endpoint: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  s3ForcePathStyle: boolean;
  s3Region: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: TestStack;
    /** How long test/reliability.test.ts keeps its load and its faults going (vitest configs). */
    reliabilitySeconds: number;
  }
}

/**
 * Starts the same embedded servers `npm start` uses (unless MONGODB_URL / S3_ENDPOINT name
 * real ones) once for the whole run; each test file then takes its own database and bucket.
 */
export default async function setup(project: TestProject) {
  const base = loadConfig({ ...process.env, NODE_ENV: "test" });
  const stack = await startLocalStack(base, {
    // Each vitest project starts its own servers, so two projects never share a data folder.
    dataDir: path.resolve(base.dataDir, "test", project.name || "default"),
    fresh: true,
    log: (msg) => process.stdout.write(`[test stack] ${msg}\n`),
  });
  const c = stack.config;
  project.provide("stack", {
    databaseUrl: c.databaseUrl,
    mongoUrl: c.mongo.url ?? "",
    s3Endpoint: c.s3.endpoint ?? "",
    s3AccessKeyId: c.s3.accessKeyId ?? "",
    s3SecretAccessKey: c.s3.secretAccessKey ?? "",
    s3ForcePathStyle: c.s3.forcePathStyle,
    s3Region: c.s3.region,
  });
  return async () => {
    await stack.stop();
  };
}
