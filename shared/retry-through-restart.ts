import pRetry from "p-retry";
import type { Logger } from "./logger.js";

/**
 * Retries a write that must not be lost through a database restart or failover (seconds), with
 * backoff for about 20 s, rather than failing the run. Used where failing would cost more than
 * waiting: after a provider call or a Slack post (fal, AssemblyAI and Slack take no idempotency
 * key, so a retried run would pay or post again), for the notice that a chat job changed, and
 * for queuing a job whose document is already written.
 */
export function retryThroughRestart<T>(logger: Logger, what: string, write: () => Promise<T>): Promise<T> {
  return pRetry(write, {
    retries: 8,
    minTimeout: 250,
    maxTimeout: 5_000,
    onFailedAttempt: ({ error, attemptNumber }) => logger.warn({ attemptNumber, err: error.message }, `could not ${what} yet`),
  });
}
