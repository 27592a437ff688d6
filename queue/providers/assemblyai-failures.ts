import { AssemblyAiApiError } from "./assemblyai.js";
import type { Failure } from "./failures.js";

/**
 * AssemblyAI's failures as classifyFailure reports them; undefined for an error that is not
 * AssemblyAI's (a transport failure or a timeout is then transient, as for any provider).
 *
 * From AssemblyAI's API reference (every endpoint answers 400, 401, 404, 429, 500, 503, 504 with
 * `{"error": "..."}`) and its "Troubleshoot common errors" guide:
 * - 401 (a missing or invalid key) and 403 are permanent: no retry fixes our credentials;
 * - any other 4xx is AssemblyAI refusing the request itself (an unsupported `language_code`, a
 *   parameter of the wrong type, a negative balance): permanent, with AssemblyAI's reason;
 * - 429 (over the rate or concurrency limit) and 408 are transient, as are 5xx ("Server error,
 *   developers have been alerted": the guide says to retry them).
 * A transcript that was accepted and then ended with `status: "error"` is not an answer of this
 * kind: the transcription worker fails its job itself (PermanentJobError).
 */
export function assemblyAiFailure(err: unknown): Failure | undefined {
  if (!(err instanceof AssemblyAiApiError)) return undefined;
  const { status, error } = err;
  if (status === 401 || status === 403) {
    return { permanent: true, code: "PROVIDER_AUTH", message: `AssemblyAI refused our credentials (${status}): ${error}` };
  }
  if (status === 429) {
    const wait = err.retryAfterSeconds === undefined ? "" : `, retry after ${err.retryAfterSeconds} s`;
    return { permanent: false, code: "PROVIDER_BUSY", message: `AssemblyAI is over its rate limit for us (429${wait}): ${error}` };
  }
  if (status >= 400 && status < 500 && status !== 408) {
    return { permanent: true, code: "PROVIDER_REJECTED", message: `AssemblyAI refused the request (${status}): ${error}` };
  }
  return { permanent: false, code: "PROVIDER_UNAVAILABLE", message: `AssemblyAI answered ${status}: ${error}` };
}
