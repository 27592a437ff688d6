import pRetry from "p-retry";
import type { Logger } from "../../shared/logger.js";

/**
 * Records what an outside call produced (a provider request id, a posted message's ts). fal,
 * AssemblyAI and Slack take no idempotency key, so if this write fails and the run is retried the
 * call is made again: a second provider charge or a second message. The call has happened; keep
 * trying the write through a database restart or failover (seconds) before giving up.
 */
export function recordAfterCall(logger: Logger, what: string, write: () => Promise<void>): Promise<void> {
  return pRetry(write, {
    retries: 8,
    minTimeout: 250,
    maxTimeout: 5_000,
    onFailedAttempt: ({ error, attemptNumber }) => logger.warn({ attemptNumber, err: error.message }, `could not record ${what} yet`),
  });
}
