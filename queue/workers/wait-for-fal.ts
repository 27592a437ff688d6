import { setTimeout as sleep } from "node:timers/promises";
import type { WorkerDeps } from "../worker-deps.js";
import { JobCanceled, PermanentJobError } from "./outcome.js";

/**
 * Polls fal with backoff (250 ms growing to 5 s) until the request completes, keeping the job's
 * progress, queue position and logs current. Cancel (the job document or the queue's abort
 * signal) is passed on to fal.
 */
export async function waitForFal(deps: WorkerDeps, jobId: string, model: string, requestId: string, signal?: AbortSignal): Promise<void> {
  let delay = 250;
  for (;;) {
    const job = await deps.jobs.get(jobId);
    if (signal?.aborted || !job || job.deletedAt || job.status === "canceled") {
      await deps.fal.queue.cancel(model, { requestId }).catch(() => {});
      throw new JobCanceled("canceled while waiting for the provider");
    }
    const status = await deps.fal.queue.status(model, { requestId, logs: true });
    if (status.status === "COMPLETED") return;
    if ((status.status as string) === "CANCELLED") throw new PermanentJobError("the provider canceled the request", "PROVIDER_CANCELED");
    const queuePosition = "queue_position" in status ? (status.queue_position ?? null) : null;
    const logs = "logs" in status && Array.isArray(status.logs) ? status.logs.slice(-10).map((l: { message: string }) => l.message) : [];
    await deps.jobs.setProgress(jobId, status.status === "IN_QUEUE" ? 5 : 50, { name: "fal", requestId, queuePosition, logs });
    await sleep(delay, undefined, signal ? { signal } : {}).catch(() => {});
    delay = Math.min(5_000, Math.round(delay * 1.5));
  }
}
