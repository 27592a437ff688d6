import { RETRY_POLICY, type RetryPolicy } from "../../queue/queues.js";

/**
 * Production's retry policy with the same number of attempts everywhere and the waits between
 * them cut to nothing: a job sees all its retries, and its dead letter, in seconds. (The
 * provider clients' own retries within an attempt are theirs: see RetryPolicy.)
 */
export function quickRetries(): RetryPolicy {
  const work = Object.fromEntries(
    Object.entries(RETRY_POLICY.work).map(([name, { retryDelayMax: _max, ...q }]) => [name, { ...q, retryDelay: 0, retryBackoff: false }]),
  ) as RetryPolicy["work"];
  return { work, other: RETRY_POLICY.other };
}
