import { setTimeout as sleep } from "node:timers/promises";
import type { WorkerDeps } from "../worker-deps.js";
import { JobCanceled, PermanentJobError } from "./outcome.js";
import { setJobProgress } from "./job-status.js";

/** How often a waiting worker looks at the job document (cancel, webhook). */
const DOC_CHECK_MS = 1_000;

/**
 * Waits until fal finishes the request, keeping the job's progress, queue position and logs
 * current. Without webhooks fal is polled with backoff (250 ms growing to 5 s); with them, a
 * verified webhook (recorded by the web process) ends the wait within a second, and fal is
 * asked directly only every 30 s as a backstop. Cancel (job document or queue signal) is passed on to fal.
 */
export async function waitForFal(deps: WorkerDeps, jobId: string, model: string, requestId: string, signal?: AbortSignal): Promise<void> {
  const webhooks = deps.config.publicUrl !== undefined;
  const maxDelay = webhooks ? 30_000 : 5_000;
  let delay = 250;
  let nextPoll = 0;
  for (;;) {
    const job = await deps.jobs.get(jobId);
    if (signal?.aborted || !job || job.deletedAt || job.status === "canceled") {
      await deps.fal.queue.cancel(model, { requestId }).catch(() => {});
      throw new JobCanceled("canceled while waiting for the provider");
    }
    const hook = job.provider?.webhook ? undefined : await deps.webhooks.forRequest("fal", requestId);
    if (hook) await deps.jobs.markWebhook(jobId, hook);
    if (job.provider?.webhook || hook) return;
    if (Date.now() >= nextPoll) {
      const status = await deps.fal.queue.status(model, { requestId, logs: true });
      if (status.status === "COMPLETED") return;
      if ((status.status as string) === "CANCELLED") throw new PermanentJobError("the provider canceled the request", "PROVIDER_CANCELED");
      const queuePosition = "queue_position" in status ? (status.queue_position ?? null) : null;
      const logs = "logs" in status && Array.isArray(status.logs) ? status.logs.slice(-10).map((l: { message: string }) => l.message) : [];
      await setJobProgress(deps, job, status.status === "IN_QUEUE" ? 5 : 50, { queuePosition, logs });
      nextPoll = Date.now() + delay;
      delay = Math.min(maxDelay, Math.round(delay * 1.5));
    }
    await sleep(Math.min(DOC_CHECK_MS, Math.max(50, nextPoll - Date.now())), undefined, signal ? { signal } : {}).catch(() => {});
  }
}
