import { ApiError } from "@fal-ai/client";
import { setTimeout as sleep } from "node:timers/promises";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import type { WorkerDeps } from "../worker-deps.js";

/** Records what a canceled request that ran anyway cost, from its result. */
export type CanceledRunBill = (job: JobDocument, result: unknown) => Promise<void>;

/** How long a canceled request is followed to its end to learn what it cost: a FLUX or ESRGAN run takes seconds, a LoRA training minutes. */
const SETTLE_WITHIN_MS = 30 * 60_000;

/**
 * Cancels a fal request its job no longer wants, and settles what it cost. fal removes a request
 * still in its queue, which then never runs; for one a runner is already processing it only
 * "sends a cancellation signal to your app", and an app that does not handle it "continues
 * consuming GPU time until it finishes naturally" (docs.fal.ai, Handle request cancellations).
 * Such a request finishes with a result, and fal bills results: it is followed until fal says
 * COMPLETED, and `bill` records the cost of what it made. A request that ends in an error (taken
 * out of the queue, or failed) made nothing and is not billed. Never throws: the job is canceled
 * whatever this learns.
 */
export async function cancelFalRequest(
  deps: WorkerDeps,
  job: JobDocument | null,
  model: string,
  requestId: string,
  bill?: CanceledRunBill,
): Promise<void> {
  await deps.fal.queue.cancel(model, { requestId }).catch(() => {});
  if (!bill || !job) return;
  const log = deps.logger.child({ jobId: job.jobId, requestId });
  const until = Date.now() + SETTLE_WITHIN_MS;
  for (let delay = 250; ; delay = Math.min(5_000, Math.round(delay * 1.5))) {
    const status = await deps.fal.queue.status(model, { requestId }).then(
      (s) => s.status,
      (err: unknown) => (err instanceof ApiError && err.status === 404 ? "GONE" : "UNKNOWN"),
    );
    if (status === "GONE") return;
    if (status === "COMPLETED") break;
    if (Date.now() >= until) {
      log.warn("a canceled request was still running at fal; what it costs is not recorded");
      return;
    }
    await sleep(delay);
  }
  let result: unknown;
  try {
    result = (await deps.fal.queue.result(model, { requestId })).data;
  } catch (err) {
    // An error answer: the request was taken out of the queue, or failed, and is not billed.
    if (!(err instanceof ApiError))
      log.warn({ err: String(err) }, "the result of a canceled request could not be read; its cost is not recorded");
    return;
  }
  try {
    await bill(job, result);
    log.info("a canceled request had started at fal, ran to the end and was billed; its cost is recorded");
  } catch (err) {
    log.error({ err: String(err) }, "the cost of a canceled request that ran could not be recorded");
  }
}
