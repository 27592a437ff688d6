import { ApiError } from "@fal-ai/client";
import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { FalRequestFailed, FalRequestGone, falDetail } from "../providers/failures.js";
import type { WorkerDeps } from "../worker-deps.js";
import { type CanceledRunBill, cancelFalRequest } from "./fal-cancel.js";
import { JobCanceled, PermanentJobError } from "./outcome.js";
import { setJobProgress } from "./job-status.js";

/** How often a waiting worker looks at the job document (cancel, webhook). */
const DOC_CHECK_MS = 1_000;
/** A chat job's progress is worth showing: fal is asked at least this often for it, webhooks or not. */
const CHAT_PROGRESS_POLL_MS = 3_000;

/**
 * How far a running request is, from fal's logs: the last tqdm bar of the model's steps
 * (" 43%|████▎     | 12/28 [...]"), as 10-95; undefined when the logs show none.
 */
export function progressFromLogs(logs: string[]): number | undefined {
  for (const line of [...logs].reverse()) {
    const pct = /(\d{1,3})%\|/.exec(line);
    if (pct) return Math.round(10 + Math.min(100, Number(pct[1])) * 0.85);
  }
  return undefined;
}

/**
 * Waits until fal finishes the request, keeping the job's progress, queue position and logs
 * current. Without webhooks fal is polled with backoff (250 ms growing to 5 s); with them, a
 * verified webhook (recorded by the web process) ends the wait within a second, and fal is
 * asked directly only every 30 s as a backstop. Cancel (job document or queue signal) is passed on to fal.
 */
export async function waitForFal(
  deps: WorkerDeps,
  jobId: string,
  model: string,
  requestId: string,
  signal?: AbortSignal,
  /** Records the cost of a request canceled by its owner that fal had started and ran to the end (see cancelFalRequest). */
  billCanceledRun?: CanceledRunBill,
): Promise<void> {
  const webhooks = deps.config.publicUrl !== undefined;
  let delay = 250;
  let nextPoll = 0;
  for (;;) {
    const job = await deps.jobs.get(jobId);
    const unwanted = !job || job.deletedAt || job.status === "canceled";
    if (signal?.aborted || unwanted) {
      // The owner's cancel or delete is settled: a run fal had started may still be billed. A
      // queue signal alone (a shutdown, a lost claim) passes the cancel on and stops at once.
      await cancelFalRequest(deps, job, model, requestId, unwanted ? billCanceledRun : undefined);
      throw new JobCanceled("canceled while waiting for the provider");
    }
    const hook = job.provider?.webhook ? undefined : await deps.webhooks.forRequest("fal", requestId);
    if (hook) await deps.jobs.markWebhook(jobId, hook);
    if (job.provider?.webhook || hook) return;
    if (Date.now() >= nextPoll) {
      const status = await deps.fal.queue.status(model, { requestId, logs: true }).catch((err: unknown) => {
        throw err instanceof ApiError && err.status === 404 ? new FalRequestGone(requestId) : err;
      });
      // IN_QUEUE, IN_PROGRESS, COMPLETED are all fal's queue has: a request canceled, failed or
      // done is COMPLETED, and its result tells which (readFalResult).
      if (status.status === "COMPLETED") return;
      const queuePosition = "queue_position" in status ? (status.queue_position ?? null) : null;
      const logs = "logs" in status && Array.isArray(status.logs) ? status.logs.slice(-10).map((l: { message: string }) => l.message) : [];
      await setJobProgress(deps, job, status.status === "IN_QUEUE" ? 5 : (progressFromLogs(logs) ?? 50), { queuePosition, logs });
      nextPoll = Date.now() + delay;
      const maxDelay = job.delivery ? CHAT_PROGRESS_POLL_MS : webhooks ? 30_000 : 5_000;
      delay = Math.min(maxDelay, Math.round(delay * 1.5));
    }
    await sleep(Math.min(DOC_CHECK_MS, Math.max(50, nextPoll - Date.now())), undefined, signal ? { signal } : {}).catch(() => {});
  }
}

/**
 * A COMPLETED request's result, parsed. fal answers a request that ended in an error at its
 * result URL (a model error: 4xx with `detail[]`; a request error: 5xx with `error_type`), and
 * one it no longer keeps with 404: each becomes the failure classifyFailure decides on. A body
 * that does not parse is permanent and visible: it would parse no better on a retry.
 */
export async function readFalResult<S extends z.ZodType>(
  deps: WorkerDeps,
  model: string,
  requestId: string,
  schema: S,
  what: string,
): Promise<z.infer<S>> {
  let data: unknown;
  try {
    data = (await deps.fal.queue.result(model, { requestId })).data;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 404) throw new FalRequestGone(requestId);
    const errorType = (err.body as { error_type?: unknown } | undefined)?.error_type;
    throw new FalRequestFailed(
      requestId,
      err.status,
      falDetail(err.body, err.message),
      typeof errorType === "string" ? errorType : undefined,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join(".") || "result"}: ${i.message}`).join("; ");
    throw new PermanentJobError(`the provider's ${what} result could not be read (${where}); request ${requestId}`, "BAD_RESULT");
  }
  return parsed.data;
}
