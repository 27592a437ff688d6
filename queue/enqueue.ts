import type { PgBoss } from "pg-boss";
import type { JobType } from "../shared/db/mongo/job-schema.js";
import type { JobsRepository } from "../shared/db/mongo/jobs-repository.js";
import type { Logger } from "../shared/logger.js";
import { BOSS_SCHEMA, DELIVER_QUEUE, WORK_QUEUES } from "./queues.js";
import { retryThroughRestart } from "./retry-through-restart.js";

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
}

/** The deliver queue's message: the job document says where and what to post. */
export interface DeliverMessage {
  jobId: string;
}

/** What a work queue's message carries: the job document holds everything else. */
export interface WorkMessage {
  jobId: string;
  requestId?: string;
}

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
      await boss.send(DELIVER_QUEUE, { jobId } satisfies DeliverMessage, { singletonKey: jobId, ...(delayMs > 0 ? { startAfter: new Date(Date.now() + delayMs) } : {}) });
    },
    async outstanding(owner) {
      const result = await boss.getDb().executeSql(
        `SELECT count(*) FILTER (WHERE group_id = $1)::int AS "user", count(*)::int AS workspace
           FROM ${BOSS_SCHEMA}.job
          WHERE name = ANY($2) AND state IN ('created', 'retry', 'active') AND starts_with(group_id, $3)`,
        [ownerGroup(owner), Object.keys(WORK_QUEUES), `${owner.workspaceId}:`],
      );
      const row = result.rows[0] as { user: number; workspace: number } | undefined;
      return row ?? { user: 0, workspace: 0 };
    },
  };
}

/** Records what would be queued; the API runs on it until workers are wired in. */
export function createRecordingQueue(): JobQueue & { enqueued: QueuedJob[]; canceled: string[]; notified: string[] } {
  const enqueued: QueuedJob[] = [];
  const canceled: string[] = [];
  const notified: string[] = [];
  return {
    enqueued,
    canceled,
    notified,
    async notifyChat(jobId) {
      notified.push(jobId);
    },
    async enqueue(job) {
      if (!enqueued.some((j) => (j.runId ?? j.jobId) === (job.runId ?? job.jobId))) enqueued.push(job);
    },
    async cancel(job) {
      if (!canceled.includes(job.jobId)) canceled.push(job.jobId);
    },
    async outstanding(owner) {
      const live = enqueued.filter((j) => j.owner.workspaceId === owner.workspaceId && !canceled.includes(j.jobId));
      return { user: live.filter((j) => j.owner.userId === owner.userId).length, workspace: live.length };
    },
  };
}

/** The chat notices a process has under way. */
export interface ChatWatch {
  /** Resolves once every notice already started for the job has been queued (or given up). */
  settled(jobId: string): Promise<void>;
}

const watched = new WeakMap<JobsRepository, ChatWatch>();
const REMEMBERED_MAX = 5_000;

/**
 * Queues a chat delivery whenever a chat job's status or progress changes, whichever process
 * changed it. Jobs without a chat delivery cost one lookup, the first time only. A worker waits
 * for `settled(jobId)` before its queue entry completes, so a notice is never cut off by a
 * shutdown, and a crash before it leaves the entry to be retried, which sends it again.
 */
export function watchChatJobs(jobs: JobsRepository, queue: Pick<JobQueue, "notifyChat">, logger: Logger): ChatWatch {
  const existing = watched.get(jobs);
  if (existing) return existing;
  const hasDelivery = new Map<string, boolean>();
  const pending = new Map<string, Set<Promise<void>>>();
  jobs.onChange((jobId, job) => {
    const notice = (async () => {
      let chat = job ? Boolean(job.delivery) : hasDelivery.get(jobId);
      if (chat === undefined) chat = Boolean((await jobs.get(jobId))?.delivery);
      if (hasDelivery.size >= REMEMBERED_MAX) hasDelivery.clear();
      hasDelivery.set(jobId, chat);
      // Through a PostgreSQL restart too: a lost notice would leave the result to the sweep.
      if (chat) await retryThroughRestart(logger.child({ jobId }), "queue a chat update", () => queue.notifyChat(jobId));
    })().catch((err: unknown) => logger.warn({ jobId, err }, "could not queue a chat update"));
    const forJob = pending.get(jobId) ?? new Set();
    pending.set(jobId, forJob.add(notice));
    void notice.finally(() => {
      forJob.delete(notice);
      if (forJob.size === 0 && pending.get(jobId) === forJob) pending.delete(jobId);
    });
  });
  const watch: ChatWatch = {
    async settled(jobId) {
      await Promise.all([...(pending.get(jobId) ?? [])]);
    },
  };
  watched.set(jobs, watch);
  return watch;
}
