import type { PublicJob } from "../shared/jobs/view.js";
import type { Api } from "./client.js";
import type { Progress } from "./progress.js";

const FINAL = new Set(["completed", "failed", "canceled"]);

/** Where the job is: waiting in our queue, then in the provider's line (its position), then the percentage the worker reports. */
function show(job: PublicJob, progress: Progress): void {
  const position = job.provider?.queuePosition;
  if (job.status === "queued") progress.wait(`${job.type} ${job.jobId}: queued`);
  else if (typeof position === "number") progress.wait(`${job.type} ${job.jobId}: position ${position + 1} in the provider's line`);
  else if (typeof job.progress === "number") progress.update(`${job.type} ${job.jobId}`, job.progress, 100, "%");
  else progress.wait(`${job.type} ${job.jobId}: running`);
}

/**
 * Follows the job until it is final through the API's jobs.watch subscription (each change as
 * it happens), and by polling jobs.get every pollMs when the stream cannot be had (an API
 * without it, a proxy that buffers event streams).
 */
export async function waitForJob(api: Api, jobId: string, progress: Progress, pollMs: number): Promise<PublicJob> {
  // One plain read first: a wrong id, a wrong key or an unreachable API is one clear error here,
  // where an event stream would keep reconnecting.
  const first = (await api.jobs.get.query({ jobId })) as PublicJob;
  if (FINAL.has(first.status)) return first;
  show(first, progress);
  const watched = await new Promise<PublicJob | undefined>((resolve, reject) => {
    const subscription = api.jobs.watch.subscribe(
      { jobId },
      {
        onData(job) {
          if (!FINAL.has(job.status)) return show(job, progress);
          subscription.unsubscribe();
          resolve(job);
        },
        onError(err) {
          subscription.unsubscribe();
          // A refusal (the job is not the caller's, a revoked key) is the answer; too many open streams or anything else, poll.
          const code = err.data?.code;
          if (code && code !== "INTERNAL_SERVER_ERROR" && code !== "NOT_IMPLEMENTED" && code !== "TOO_MANY_REQUESTS") reject(err);
          else resolve(undefined);
        },
        onComplete() {
          resolve(undefined);
        },
      },
    );
  });
  if (watched) {
    progress.stop();
    return watched;
  }
  for (;;) {
    const job = (await api.jobs.get.query({ jobId })) as PublicJob;
    if (FINAL.has(job.status)) {
      progress.stop();
      return job;
    }
    show(job, progress);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
