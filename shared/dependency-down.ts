import { DrizzleQueryError } from "drizzle-orm";
import { dependencyUnavailable } from "./metrics/process.js";

export type Dependency = "postgresql" | "mongodb" | "s3" | "unknown";

/**
 * Seconds a caller is asked to wait when a store is down: a PostgreSQL restart or a MongoDB
 * election takes a few seconds, and a retry sooner would only meet the same refusal.
 */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/** A store the request needs is down (restarting, failing over, unreachable): worth a retry, not a bug. */
export class DependencyUnavailable extends Error {
  override name = "DependencyUnavailable";
  constructor(
    readonly dependency: Dependency,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`the service's storage is briefly unavailable; try again in ${retryAfterSeconds} s`, options);
  }
}

/** Socket errors: the server is not there, or went away mid-request. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "EPIPE",
  "ENOTFOUND",
]);

/**
 * PostgreSQL's SQLSTATEs of a server that cannot serve now (appendix A of its manual): class 08
 * connection exceptions, 57P01-57P03 (shutting down, crashed, starting up), 53300 too many
 * connections.
 */
const isPostgresUnavailableState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === "53300";

/** node-postgres's own errors for a connection that failed or broke (they carry no SQLSTATE). */
const PG_CONNECTION_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/;

/** The driver's names for a server it could not select or reach. */
const MONGO_DOWN_NAMES = new Set(["MongoServerSelectionError", "MongoNetworkError", "MongoNetworkTimeoutError"]);
/** MongoDB's codes of a server shutting down or stepping down (InterruptedAtShutdown, ShutdownInProgress, PrimarySteppedDown, NotWritablePrimary, InterruptedDueToReplStateChange). */
const MONGO_DOWN_CODES = new Set([11600, 91, 189, 10107, 11602]);

function chainOf(err: unknown): unknown[] {
  const chain: unknown[] = [];
  let e: unknown = err;
  while (e && chain.length < 6 && !chain.includes(e)) {
    chain.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

/**
 * The store that is down, when this failure (or one it wraps) means one is; undefined for any
 * other failure, which stays an internal error. Counted in `dependency_unavailable_total`.
 */
export function dependencyDown(err: unknown, retryAfterSeconds = DEPENDENCY_RETRY_AFTER_SECONDS): DependencyUnavailable | undefined {
  const chain = chainOf(err);
  const found = chain.find((e) => e instanceof DependencyUnavailable);
  if (found) return found as DependencyUnavailable;
  let dependency: Dependency | undefined;
  let down = false;
  for (const e of chain) {
    if (!e || typeof e !== "object") continue;
    const { name, code, message, $metadata } = e as {
      name?: string;
      code?: unknown;
      message?: string;
      $metadata?: { httpStatusCode?: number };
    };
    if (e instanceof DrizzleQueryError || (typeof code === "string" && /^(?=.*\d)[0-9A-Z]{5}$/.test(code))) dependency ??= "postgresql";
    if ($metadata) dependency ??= "s3";
    if (name?.startsWith("Mongo")) dependency ??= "mongodb";
    if (typeof code === "string" && NETWORK_CODES.has(code)) down = true;
    if (typeof code === "string" && isPostgresUnavailableState(code)) down = true;
    if (typeof message === "string" && PG_CONNECTION_MESSAGE.test(message)) {
      down = true;
      dependency ??= "postgresql";
    }
    if (name && MONGO_DOWN_NAMES.has(name)) down = true;
    if (name?.startsWith("Mongo") && typeof code === "number" && MONGO_DOWN_CODES.has(code)) down = true;
    if ($metadata?.httpStatusCode === 503) down = true;
  }
  if (!down) return undefined;
  const unavailable = new DependencyUnavailable(dependency ?? "unknown", retryAfterSeconds, { cause: err });
  dependencyUnavailable.inc({ dependency: unavailable.dependency });
  return unavailable;
}
