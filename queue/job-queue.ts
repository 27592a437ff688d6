import type { PgBoss } from "pg-boss";
import type { JobDocument, JobType } from "../shared/db/mongo/job-schema.js";
import type { Logger } from "../shared/logger.js";
import { retryThroughRestart } from "../shared/retry-through-restart.js";
import { BOSS_SCHEMA, DELIVER_QUEUE, TRANSLATE_QUEUE, WORK_QUEUES } from "./queues.js";

/** Whose job it is: the queue limits how many of a member's and a workspace's jobs run at once. */
export interface JobOwner {
  workspaceId: string;
  userId: string;
}

/** What the API hands the queue: the job document is already written, this only schedules it. */
export interface QueuedJob {
  jobId: string;
  type: JobType;
  owner: JobOwner;
  /** The request that asked for this run, carried into the worker's logs. */
  requestId?: string | undefined;
  /** A second run of the same job (retraining) needs its own queue id; the first run uses the jobId. */
  runId?: string;
}

/** The pg-boss group of a member's jobs; a workspace's groups share the prefix `${workspaceId}:`. */
export const ownerGroup = (owner: JobOwner) => `${owner.workspaceId}:${owner.userId}`;

/**
 * The only way into the queue. `enqueue` is idempotent per jobId (a retried create may call
 * it again for a job that is already queued); `cancel` stops a queued or running job's work.
 */
export interface JobQueue {
  enqueue(job: QueuedJob): Promise<void>;
  cancel(job: Omit<QueuedJob, "owner">): Promise<void>;
  /** Asks the deliver queue to bring a chat job's message up to date; coalesced per job. */
  notifyChat(jobId: string, delayMs?: number): Promise<void>;
  /** Jobs waiting or running, of this member and of their whole workspace. */
  outstanding(owner: JobOwner): Promise<{ user: number; workspace: number }>;
  /** Jobs of this type waiting to start that were queued before `since`: how many are ahead of a job queued then. */
  ahead(type: JobType, since: Date): Promise<number>;
  /** The first `limit` jobs of this type waiting to start, in line order. */
  waiting(type: JobType, limit: number): Promise<string[]>;
  /**
   * Asks the deliver queue to refresh the queue position that this type's waiting chat jobs
   * show, as a job of the type started; coalesced per type over `delayMs`.
   */
  notifyQueueMoved(type: JobType, delayMs: number): Promise<void>;
  /** Queues a finished transcription's translation into one language; false when that one is already waiting or running. */
  translate(request: TranslateMessage): Promise<boolean>;
}

/** The translate queue's message: a finished transcription and the language to add. */
export interface TranslateMessage {
  jobId: string;
  language: string;
  /** Who asked: the translation is charged to them. */
  userId: string;
  requestId?: string;
}

/**
 * The deliver queue's messages: a job whose message to bring up to date (the job document says
 * where and what to post), or a job type whose waiting chat jobs' positions moved.
 */
export type DeliverMessage = { jobId: string } | { queueMoved: JobType };

/** What a work queue's message carries: the job document holds everything else. */
export interface WorkMessage {
  jobId: string;
  requestId?: string;
}

/**
 * How long a refresh of one type's waiting positions gathers starts before it runs: a burst of
 * starts moves each waiting message once, and each edit still waits for its channel's send slot
 * (queue/chat/deliver/queue-positions.ts). Kept here, beside the one place that asks for a
 * refresh, so the API's side of the queue does not import the worker's.
 */
export const QUEUE_MOVED_COALESCE_MS = 1_000;

/**
 * Tells the deliver queue that a chat job changed (creation, status, progress, deletion), so the
 * job's message in its channel shows the change: the one way the jobs domain and the workers
 * give notice. Called where the change is written, right after it. A job nobody asked for from
 * chat costs nothing. Retried through a PostgreSQL restart, since a
 * lost notice leaves the result to the five-minute chat sweep; a notice that still cannot be
 * queued is logged, not thrown: the change itself is already stored.
 */
export async function noticeChatChange(
  deps: { queue: Pick<JobQueue, "notifyChat">; logger: Logger },
  job: Pick<JobDocument, "jobId" | "delivery"> | null | undefined,
): Promise<void> {
  if (!job?.delivery) return;
  const logger = deps.logger.child({ jobId: job.jobId });
  try {
    await retryThroughRestart(logger, "queue a chat update", () => deps.queue.notifyChat(job.jobId));
  } catch (err) {
    logger.warn({ err }, "could not queue a chat update");
  }
}

/**
 * Tells the deliver queue that a job of this type started, so the chat jobs waiting behind it
 * show one job fewer ahead (queue/chat/deliver/queue-positions.ts). Like a change notice,
 * retried through a PostgreSQL restart and logged rather than thrown: the start itself is
 * already stored.
 */
export async function noticeQueueMoved(deps: { queue: Pick<JobQueue, "notifyQueueMoved">; logger: Logger }, type: JobType): Promise<void> {
  try {
    await retryThroughRestart(deps.logger, "queue a refresh of chat queue positions", () =>
      deps.queue.notifyQueueMoved(type, QUEUE_MOVED_COALESCE_MS),
    );
  } catch (err) {
    deps.logger.warn({ err, type }, "could not queue a refresh of chat queue positions");
  }
}

// A job over a running limit goes back in line under a new queue id while its old entry is
// still active for a moment: jobs are counted, not entries.
const OUTSTANDING_SQL = `SELECT count(DISTINCT data->>'jobId') FILTER (WHERE group_id = $1)::int AS "user", count(DISTINCT data->>'jobId')::int AS workspace
   FROM ${BOSS_SCHEMA}.job
  WHERE name = ANY($2) AND state IN ('created', 'retry', 'active') AND starts_with(group_id, $3)`;

/**
 * The pg-boss queue. The queue job's id is the jobId itself, so a second enqueue of the same
 * job is refused by the primary key: one job id is never queued twice.
 */
export function createPgBossQueue(boss: PgBoss): JobQueue {
  return {
    async enqueue(job) {
      const data: WorkMessage = { jobId: job.jobId, ...(job.requestId ? { requestId: job.requestId } : {}) };
      await boss.send(job.type, data, { id: job.runId ?? job.jobId, group: { id: ownerGroup(job.owner) } });
    },
    async cancel(job) {
      await boss.cancel(job.type, job.runId ?? job.jobId).catch(() => {
        // Already finished or never queued: the job document's status is what counts.
      });
    },
    async notifyChat(jobId, delayMs = 0) {
      // Null when a delivery for this job is already waiting: that one will show the latest state.
      await boss.send(DELIVER_QUEUE, { jobId } satisfies DeliverMessage, {
        singletonKey: jobId,
        ...(delayMs > 0 ? { startAfter: new Date(Date.now() + delayMs) } : {}),
      });
    },
    async outstanding(owner) {
      const result = await boss.getDb().executeSql(
        // pg-boss hands the statement to pg's pool.query as it is, so a named one is prepared once
        // per connection: planning it over pg-boss's partitioned table took 0.4 ms of every
        // jobs.create, running it 0.04 ms.
        { name: "outstanding_jobs", text: OUTSTANDING_SQL } as unknown as string,
        [ownerGroup(owner), Object.keys(WORK_QUEUES), `${owner.workspaceId}:`],
      );
      const row = result.rows[0] as { user: number; workspace: number } | undefined;
      return row ?? { user: 0, workspace: 0 };
    },
    async notifyQueueMoved(type, delayMs) {
      // Null when a refresh of this type is already waiting: that one reads the line when it runs.
      await boss.send(DELIVER_QUEUE, { queueMoved: type } satisfies DeliverMessage, {
        singletonKey: `queue-moved:${type}`,
        startAfter: new Date(Date.now() + delayMs),
      });
    },
    async translate(request) {
      const id = await boss.send(TRANSLATE_QUEUE, request satisfies TranslateMessage, {
        singletonKey: `${request.jobId}:${request.language}`,
      });
      return id !== null;
    },
    async waiting(type, limit) {
      const result = await boss.getDb().executeSql(
        // A job waiting for a running place is queued again under a new id: each job once, at its latest place.
        `SELECT data->>'jobId' AS "jobId", max(created_on) AS at FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry') GROUP BY 1 ORDER BY at LIMIT $2`,
        [type, limit],
      );
      return (result.rows as Array<{ jobId: string }>).map((r) => r.jobId);
    },
    async ahead(type, since) {
      const result = await boss
        .getDb()
        .executeSql(
          `SELECT count(DISTINCT data->>'jobId')::int AS ahead FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND state IN ('created', 'retry') AND created_on < $2`,
          [type, since],
        );
      return (result.rows[0] as { ahead: number } | undefined)?.ahead ?? 0;
    },
  };
}
