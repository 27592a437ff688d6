import { pingMongo } from "../shared/db/mongo/index.js";
import { pingSql } from "../shared/db/sql/client.js";
import { pingStorage } from "../shared/storage/index.js";
import type { AppDeps } from "./deps.js";

export type DependencyName = "postgres" | "mongo" | "s3";

export interface DependencyStatus {
  status: "ok" | "down";
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  dependencies: Record<DependencyName, DependencyStatus>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function check(probe: () => Promise<void>): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { status: "down", latencyMs: Math.round(performance.now() - started), error: message };
  } finally {
    clearTimeout(timer);
  }
}

/** Probes each dependency in parallel with a timeout, so one hung server cannot hang the check. */
export async function checkHealth(deps: Pick<AppDeps, "sql" | "mongo" | "storage">): Promise<HealthReport> {
  const [postgres, mongo, s3] = await Promise.all([
    check(() => pingSql(deps.sql)),
    check(() => pingMongo(deps.mongo)),
    check(() => pingStorage(deps.storage)),
  ]);
  const dependencies = { postgres, mongo, s3 };
  const allOk = Object.values(dependencies).every((d) => d.status === "ok");
  return { status: allOk ? "ok" : "degraded", dependencies };
}
