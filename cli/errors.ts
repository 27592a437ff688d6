/**
 * The CLI's two kinds of failure a person acts on, each printed as one line without a stack:
 * the command line is wrong (exit 2, nothing was done), or the command ran and was refused or
 * failed (exit 1).
 */

/** The command line is wrong: an unknown command or flag, a value that cannot be, a missing argument. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** An answer a person acts on (a refusal, a missing job, a failed job, an API out of reach). */
export class ApiError extends Error {
  override name = "ApiError";
}
