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
]);

export function describeFatal(err: unknown): string {
  if (err instanceof Error && settingErrors.has(err.name)) return err.message;
  if (err instanceof Error && "code" in err && err.code === "EADDRINUSE") return `port in use: ${err.message}`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Prints the error as described above and exits non-zero. */
export function exitWithError(err: unknown): never {
  process.stderr.write(`error: ${describeFatal(err)}\n`);
  process.exit(1);
}
