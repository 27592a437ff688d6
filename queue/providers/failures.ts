import { ApiError } from "@fal-ai/client";
import { LlmGatewayError } from "assemblyai";
import { AssemblyAiApiError } from "./assemblyai.js";

/**
 * What a failed attempt means for its job. `permanent`: retrying cannot change it, the job fails
 * now. `retryable` (on a permanent failure): the user may run the job again and it may work (a
 * provider outage that outlasted the provider's own retries), which the job's error says.
 */
export interface Failure {
  permanent: boolean;
  code: string;
  message: string;
  retryable?: boolean;
}

/** A job-level failure decided by our own code (bad stored input, a refused URL, a flagged image). */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
  constructor(
    message: string,
    readonly code: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/**
 * A fal request that ended in an error: the result endpoint answers it (fal's model errors: 4xx
 * with `detail[]`; its request errors: 5xx with `detail` and `error_type`, after fal's own
 * retries on new runners). Thrown by the worker when it reads the result, so it is told apart
 * from a refused submission, which answers the same statuses.
 */
export class FalRequestFailed extends Error {
  override name = "FalRequestFailed";
  constructor(
    readonly requestId: string,
    readonly status: number,
    readonly detail: string,
    readonly errorType: string | undefined,
  ) {
    super(`fal request ${requestId} failed (${status}${errorType ? ` ${errorType}` : ""}): ${detail}`);
  }
}

/** fal's answer about a request it no longer knows: results are kept for a limited time. */
export class FalRequestGone extends Error {
  override name = "FalRequestGone";
  constructor(readonly requestId: string) {
    super(`fal no longer has request ${requestId}: its stored results expire, so the outcome cannot be read`);
  }
}

/** fal's validation detail (`detail[]` of `{loc, msg}`, or a string) as one line. */
export function falDetail(body: unknown, fallback: string): string {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (Array.isArray(detail)) {
    return detail
      .map(
        (d: { msg?: string; loc?: unknown[] }) =>
          `${(d.loc ?? []).filter((p) => p !== "body").join(".") || "input"}: ${d.msg ?? "invalid"}`,
      )
      .join("; ");
  }
  return typeof detail === "string" ? detail : fallback;
}

/**
 * Every provider failure is classified here, once: the worker's outcome (settleFailure) acts on
 * the answer and nothing else decides it.
 *
 * fal, from its docs (model errors, request errors, retries):
 * - a submission refused with 4xx (422 validation, 401/403 key, 404 unknown endpoint) is permanent;
 * - 429 and 5xx on a submission, and transport failures, are transient (the SDK has retried
 *   429/502/503/504 three times already; pg-boss retries the job with backoff);
 * - a request that ended in an error is permanent for this job: fal retried infrastructure
 *   errors up to 10 times on new runners and does not bill 5xx, so the job fails, marked
 *   retryable for the user when it was a request error (5xx), not for a model error (4xx);
 * - a request fal no longer knows (its results expired) is permanent: resubmitting could
 *   charge twice for work already done.
 */
export function classifyFailure(err: unknown): Failure {
  if (err instanceof PermanentJobError) return { permanent: true, code: err.code, message: err.message, retryable: err.retryable };
  if (err instanceof FalRequestFailed) {
    return err.status >= 500
      ? {
          permanent: true,
          retryable: true,
          code: "PROVIDER_FAILED",
          message: `the provider could not run the request (${err.errorType ?? err.status}): ${err.detail}; it was not charged, and running the job again may work`,
        }
      : { permanent: true, code: "PROVIDER_REJECTED", message: `the provider refused the request: ${err.detail}` };
  }
  if (err instanceof FalRequestGone) return { permanent: true, retryable: true, code: "PROVIDER_EXPIRED", message: err.message };
  if (err instanceof ApiError) {
    const detail = falDetail(err.body, err.message);
    if (err.status === 401 || err.status === 403)
      return { permanent: true, code: "PROVIDER_AUTH", message: `the provider refused our credentials (${err.status}): ${detail}` };
    if (err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429) {
      return { permanent: true, code: "PROVIDER_REJECTED", message: `the provider refused the request (${err.status}): ${detail}` };
    }
    return {
      permanent: false,
      code: err.status === 429 ? "PROVIDER_BUSY" : "PROVIDER_UNAVAILABLE",
      message: `the provider answered ${err.status}: ${detail}`,
    };
  }
  const assemblyAi = assemblyAiFailure(err);
  if (assemblyAi) return assemblyAi;
  return { permanent: false, code: "PROVIDER_UNAVAILABLE", message: err instanceof Error ? err.message : String(err) };
}

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
function assemblyAiFailure(err: unknown): Failure | undefined {
  // The LLM Gateway (Speech Understanding) answers with the same statuses and meanings.
  const answer =
    err instanceof AssemblyAiApiError
      ? err
      : err instanceof LlmGatewayError && err.status !== undefined
        ? { status: err.status, error: err.message, retryAfterSeconds: undefined }
        : undefined;
  if (!answer) return undefined;
  const { status, error } = answer;
  if (status === 401 || status === 403) {
    return { permanent: true, code: "PROVIDER_AUTH", message: `AssemblyAI refused our credentials (${status}): ${error}` };
  }
  if (status === 429) {
    const wait = answer.retryAfterSeconds === undefined ? "" : `, retry after ${answer.retryAfterSeconds} s`;
    return { permanent: false, code: "PROVIDER_BUSY", message: `AssemblyAI is over its rate limit for us (429${wait}): ${error}` };
  }
  if (status >= 400 && status < 500 && status !== 408) {
    return { permanent: true, code: "PROVIDER_REJECTED", message: `AssemblyAI refused the request (${status}): ${error}` };
  }
  return { permanent: false, code: "PROVIDER_UNAVAILABLE", message: `AssemblyAI answered ${status}: ${error}` };
}
