import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { retryThroughRestart } from "../shared/retry-through-restart.js";
import type { JobsCall } from "./deps.js";

/**
 * The one way the lifecycle queues a run of a job whose document is already written: created,
 * replayed by an idempotent retry, or reopened for retraining. The document is there, so a
 * PostgreSQL restart (seconds) is waited out rather than failing a call that a chat command,
 * acknowledged already, would not send again. Queuing is idempotent per run id, and the queue
 * entry carries the request id into the worker's logs.
 */
export async function queueRun(
  call: JobsCall,
  job: Pick<JobDocument, "jobId" | "type" | "workspaceId" | "userId">,
  runId?: string,
): Promise<void> {
  const { deps, requestId } = call;
  const owner = { workspaceId: job.workspaceId ?? call.principal.workspaceId, userId: job.userId };
  await retryThroughRestart(deps.logger.child({ jobId: job.jobId, requestId }), "queue the job", () =>
    deps.queue.enqueue({ jobId: job.jobId, type: job.type, owner, ...(requestId ? { requestId } : {}), ...(runId ? { runId } : {}) }),
  );
}
