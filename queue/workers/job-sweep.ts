import type { JobType } from "../../shared/db/mongo/job-schema.js";
import type { JobQueue } from "../job-queue.js";
import { BOSS_SCHEMA, WORK_QUEUES } from "../queues.js";
import type { WorkerDeps } from "../worker-deps.js";
import { noticeChatChange } from "../job-queue.js";

/**
 * A job unchanged this long while queued or running is checked against the queue. A create
 * queues its job within about 20 s of writing it, so two minutes without a queue entry means
 * the process that wrote it is gone.
 */
export const STRANDED_AFTER_MS = 2 * 60_000;
const BATCH = 500;

export interface JobSweepResult {
  /** Never queued (the create stopped between the document and the queue): queued now. */
  requeued: string[];
  /** Their queue entry gave up, and the failure never reached the document: marked failed now. */
  failed: string[];
}

interface QueueRow {
  job_id: string;
  state: string;
  output: { message?: string; value?: { message?: string } } | null;
}

const LIVE_STATES = new Set(["created", "retry", "active"]);

function reasonOf(rows: QueueRow[]): string {
  const last = rows.filter((r) => r.state === "failed").at(-1);
  return last?.output?.message ?? last?.output?.value?.message ?? "its queue entry ended without finishing it";
}

/**
 * The safety net under the queue: a job document left queued or running that no queue entry
 * will ever run. Its create stopped after writing the document and before queuing it, or its
 * last attempt failed while MongoDB was unreachable, so pg-boss gave up without the job hearing
 * of it. A job never queued is queued now; one whose entry gave up is marked failed with the
 * entry's reason. A job with a live entry is left alone, however
 * long it waits.
 */
export async function runJobSweep(
  deps: Pick<WorkerDeps, "jobs" | "sql" | "logger">,
  queue: Pick<JobQueue, "enqueue" | "notifyChat">,
  now = Date.now(),
): Promise<JobSweepResult> {
  const result: JobSweepResult = { requeued: [], failed: [] };
  const quiet = await deps.jobs.quietLiveJobs(new Date(now - STRANDED_AFTER_MS), BATCH);
  if (quiet.length === 0) return result;
  const { rows } = await deps.sql.pool.query<QueueRow>(
    `SELECT data->>'jobId' AS job_id, state, output FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1) AND data->>'jobId' = ANY($2) ORDER BY created_on`,
    [Object.keys(WORK_QUEUES), quiet.map((j) => j.jobId)],
  );
  for (const job of quiet) {
    const entries = rows.filter((r) => r.job_id === job.jobId);
    if (entries.some((r) => LIVE_STATES.has(r.state))) continue;
    if (entries.length === 0 && job.status === "queued") {
      await queue.enqueue({
        jobId: job.jobId,
        type: job.type as JobType,
        owner: { workspaceId: job.workspaceId as string, userId: job.userId },
        requestId: job.requestId,
      });
      result.requeued.push(job.jobId);
      continue;
    }
    const message = `gave up: ${reasonOf(entries)}`;
    const failed = await deps.jobs.setStatus(job.jobId, "failed", { error: { message, code: "RETRIES_EXHAUSTED", retryable: true } });
    if (!failed) continue;
    await noticeChatChange({ queue, logger: deps.logger }, failed);
    result.failed.push(job.jobId);
  }
  if (result.requeued.length || result.failed.length)
    deps.logger.warn({ requeued: result.requeued, failed: result.failed }, "stranded jobs settled");
  return result;
}
