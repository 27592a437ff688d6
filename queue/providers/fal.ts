import { type FalClient, createFalClient } from "@fal-ai/client";
import type { Config } from "../../shared/config.js";
import { exactIntegersFetch } from "./exact-json.js";
import { providerFetch, requestOf } from "./timed-calls.js";

/** fal's hosts; requests to them go to FAL_BASE_URL instead when it is set (the local emulator). */
const FAL_HOSTS = /^https:\/\/(queue\.|rest\.)?fal\.run/;

/** The queue API's operation from its URL: submit, status, result or cancel. */
function falOperation(method: string, url: URL): string {
  if (url.pathname.endsWith("/status")) return "status";
  if (url.pathname.endsWith("/cancel")) return "cancel";
  if (url.pathname.includes("/requests/")) return "result";
  return method === "POST" ? "submit" : "other";
}

/**
 * A submit whose answer was lost after the request went out (a reset, a closed socket): fal may
 * have accepted it. The client would send it again on its own, and fal takes no idempotency
 * key, so this error is one the client does not retry (no transport `code` in its chain); the
 * job's next attempt looks for the request instead (see resumeSubmission).
 */
export class FalSubmitOutcomeUnknown extends Error {
  override name = "FalSubmitOutcomeUnknown";
}

/** Connection failures that happen before a request is sent: nothing reached fal. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

function transportCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function submitsOnce(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await inner(input, init);
    } catch (err) {
      const { method, url } = requestOf(input, init);
      const code = transportCode(err);
      if (falOperation(method, url) !== "submit" || (code && NOT_SENT.has(code)) || (err as Error).name === "TimeoutError") throw err;
      throw new FalSubmitOutcomeUnknown(
        `the answer to a fal submit was lost (${(err as Error).message}${code ? `, ${code}` : ""}); fal may have accepted it`,
      );
    }
  };
}

/** fal's client on our timed fetch; its own retries of queue calls are fixed (see RetryPolicy in queues.ts). */
export function createFal(providers: Config["providers"]): FalClient {
  const base = providers.falBaseUrl?.replace(/\/+$/, "");
  return createFalClient({
    credentials: providers.falKey,
    suppressLocalCredentialsWarning: true,
    // Every call timed in provider_call_duration_seconds and bounded: a hung fal call fails
    // the attempt (retried) instead of holding a worker.
    // Results keep seeds beyond 2^53 exact (exactIntegersFetch).
    fetch: exactIntegersFetch(submitsOnce(providerFetch("fal", falOperation, 60_000))),
    ...(base ? { requestMiddleware: async (req) => ({ ...req, url: req.url.replace(FAL_HOSTS, base) }) } : {}),
  });
}
