import type { PublicJob } from "../shared/jobs/view.js";
import type { Api } from "./client.js";
import type { Progress } from "./progress.js";

const FINAL = new Set(["completed", "failed", "canceled"]);

/**
 * Polls the job until it is final, showing where it is: waiting in our queue, then in the
 * provider's line (its position), then the percentage the worker reports.
 */
export async function waitForJob(api: Api, jobId: string, progress: Progress, pollMs: number): Promise<PublicJob> {
  for (;;) {
    const job = (await api.jobs.get.query({ jobId })) as PublicJob;
    if (FINAL.has(job.status)) {
      progress.stop();
      return job;
    }
    const position = job.provider?.queuePosition;
    if (job.status === "queued") progress.wait(`${job.type} ${job.jobId}: queued`);
    else if (typeof position === "number") progress.wait(`${job.type} ${job.jobId}: position ${position + 1} in the provider's line`);
    else if (typeof job.progress === "number") progress.update(`${job.type} ${job.jobId}`, job.progress, 100, "%");
    else progress.wait(`${job.type} ${job.jobId}: running`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
