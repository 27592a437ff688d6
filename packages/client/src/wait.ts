import type { TRPCClient } from "@trpc/client";
import type { AppRouter, Job } from "./router.js";

const FINAL = new Set(["completed", "failed", "canceled"]);

/** Error codes after which the event stream is given up for polling rather than reported. */
const POLL_INSTEAD = new Set(["INTERNAL_SERVER_ERROR", "NOT_IMPLEMENTED", "TOO_MANY_REQUESTS"]);

export interface WaitOptions {
  /** Each change of the job before it is final: status, provider queue position, progress (0–100). */
  onProgress?: (job: Job) => void;
  /** How often jobs.get is polled when the event stream cannot be had; default 1000 ms. */
  pollMs?: number;
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener("abort", abort, { once: true });
  });

/**
 * Follows a job until it is completed, failed or canceled: through the jobs.watch subscription
 * (each change as it happens), and by polling jobs.get when the stream cannot be had (an API
 * without it, a proxy that buffers event streams, too many open streams).
 */
export async function waitForJob(api: TRPCClient<AppRouter>, jobId: string, opts: WaitOptions = {}): Promise<Job> {
  const { onProgress, pollMs = 1000, signal } = opts;
  signal?.throwIfAborted();
  // One plain read first: a wrong id, a wrong key or an unreachable API is one clear error here,
  // where an event stream would keep reconnecting.
  const first = await api.jobs.get.query({ jobId }, { signal });
  if (FINAL.has(first.status)) return first;
  onProgress?.(first);
  const watched = await new Promise<Job | undefined>((resolve, reject) => {
    const stop = () => {
      subscription.unsubscribe();
      reject(signal?.reason);
    };
    const subscription = api.jobs.watch.subscribe(
      { jobId },
      {
        onData(job) {
          if (!FINAL.has(job.status)) return onProgress?.(job);
          signal?.removeEventListener("abort", stop);
          subscription.unsubscribe();
          resolve(job);
        },
        onError(err) {
          signal?.removeEventListener("abort", stop);
          subscription.unsubscribe();
          // A refusal (not the caller's job, a revoked key) is the answer; anything else, poll.
          const code = err.data?.code;
          if (code && !POLL_INSTEAD.has(code)) reject(err);
          else resolve(undefined);
        },
        onComplete() {
          signal?.removeEventListener("abort", stop);
          resolve(undefined);
        },
      },
    );
    signal?.addEventListener("abort", stop, { once: true });
  });
  if (watched) return watched;
  for (;;) {
    const job = await api.jobs.get.query({ jobId }, { signal });
    if (FINAL.has(job.status)) return job;
    onProgress?.(job);
    await sleep(pollMs, signal);
  }
}
