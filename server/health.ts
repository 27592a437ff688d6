import { pingMongo } from "../shared/db/mongo/index.js";
import { pingSql } from "../shared/db/sql/client.js";
import { pingStorage } from "../shared/storage/index.js";
import type { Logger } from "../shared/logger.js";
import type { AppDeps } from "./deps.js";

export type DependencyName = "postgres" | "mongo" | "s3";

export interface DependencyStatus {
  status: "ok" | "down";
  latencyMs: number;
  /**
   * Why the dependency counts as down, in words that hold no address, host, port or driver
   * message: the check is public. The driver's own error goes to the log.
   */
  error?: string;
}

export interface HealthReport {
  status: "ok" | "degraded";
  dependencies: Record<DependencyName, DependencyStatus>;
}

const CHECK_TIMEOUT_MS = 2_000;

class CheckTimeout extends Error {}

async function check(name: DependencyName, probe: () => Promise<void>, logger: Logger): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CheckTimeout(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    // The detail (a driver's "connect ECONNREFUSED 10.0.0.5:5432", a host name) is for operators.
    logger.warn({ dependency: name, latencyMs, err }, "health check: dependency down");
    return { status: "down", latencyMs, error: err instanceof CheckTimeout ? err.message : "not reachable" };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Probes each dependency in parallel with a timeout, so one hung server cannot hang the check.
 * The answer names what is down; why, in the driver's words, is logged on `logger`.
 */
export async function checkHealth(
  deps: Pick<AppDeps, "sql" | "mongo" | "storage" | "logger">,
  logger: Logger = deps.logger,
): Promise<HealthReport> {
  const [postgres, mongo, s3] = await Promise.all([
    check("postgres", () => pingSql(deps.sql), logger),
    check("mongo", () => pingMongo(deps.mongo), logger),
    check("s3", () => pingStorage(deps.storage), logger),
  ]);
  const dependencies = { postgres, mongo, s3 };
  const allOk = Object.values(dependencies).every((d) => d.status === "ok");
  return { status: allOk ? "ok" : "degraded", dependencies };
}

/** How long a health report is reused: the check is public, and each one is three round trips. */
export const HEALTH_CACHE_MS = 1_000;

/**
 * checkHealth, with each report (or the probe in flight) reused for HEALTH_CACHE_MS by the calls
 * that ask about the same stores.
 */
export function cachedHealthCheck(): typeof checkHealth {
  // By PostgreSQL handle, reused only while the other two handles are the same ones.
  const reports = new WeakMap<object, { at: number; mongo: object; storage: object; report: Promise<HealthReport> }>();
  return (deps, logger = deps.logger) => {
    const cached = reports.get(deps.sql);
    const fresh = cached && performance.now() - cached.at < HEALTH_CACHE_MS;
    if (fresh && cached.mongo === deps.mongo && cached.storage === deps.storage) return cached.report;
    const report = checkHealth(deps, logger);
    reports.set(deps.sql, { at: performance.now(), mongo: deps.mongo, storage: deps.storage, report });
    return report;
  };
}
