/**
 * Errors that a person fixes by changing a setting or installing a tool. Entry points print
 * their message as one line instead of a stack trace.
 */
const settingErrors = new Set([
  "ConfigError",
  "MongoConnectError",
  "PostgresConnectError",
  "StorageConnectError",
  "MissingToolchainError",
  "UsageError",
  "StoreMigrateError",
  "ApiError",
  "GatewayTakenError",
  "DataFolderTakenError",
]);

/** Network errors whose stack says nothing a person can act on. */
const unreachable = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

export function describeFatal(err: unknown): string {
  if (err instanceof Error && settingErrors.has(err.name)) return err.message;
  if (err instanceof Error && "code" in err && err.code === "EADDRINUSE") return `port in use: ${err.message}`;
  // A service out of reach (no network, a wrong host): where, and why, in one line.
  const net = err as NodeJS.ErrnoException & { hostname?: string; address?: string; port?: number };
  if (err instanceof Error && typeof net.code === "string" && unreachable.has(net.code)) {
    const where = net.hostname ?? (net.address ? `${net.address}${net.port ? `:${net.port}` : ""}` : undefined);
    return `cannot reach ${where ?? "a service"} (${net.code}): check the network and the URL settings`;
  }
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Prints the error as described above and exits non-zero. */
export function exitWithError(err: unknown): never {
  process.stderr.write(`error: ${describeFatal(err)}\n`);
  process.exit(1);
}
