import type { Queue } from "pg-boss";
import type { JobType } from "../shared/db/mongo/job-schema.js";

/** pg-boss's schema in the app's PostgreSQL database. */
export const BOSS_SCHEMA = "pgboss";

/**
 * One queue per job type, each with a dead-letter queue. Retries back off exponentially. pg-boss
 * heartbeats every running job; a worker that dies stops heartbeating, and its job is retried
 * by another worker within heartbeatSeconds plus the supervise interval.
 */
export type QueueOptions = Omit<Queue, "name">;

export const WORK_QUEUES: Record<JobType, QueueOptions> = {
  "image-generation": {
    retryLimit: 4,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 120,
    expireInSeconds: 600,
    heartbeatSeconds: 10,
    deadLetter: "image-generation-dead",
    notify: true,
  },
  transcription: {
    retryLimit: 4,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 300,
    expireInSeconds: 3600,
    heartbeatSeconds: 10,
    deadLetter: "transcription-dead",
    notify: true,
  },
  "lora-training": {
    retryLimit: 3,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 3 * 3600,
    heartbeatSeconds: 10,
    deadLetter: "lora-training-dead",
    notify: true,
  },
  // A clip takes minutes at fal and then streams up to hundreds of MB: an hour before expiry.
  "video-generation": {
    retryLimit: 4,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 120,
    expireInSeconds: 3600,
    heartbeatSeconds: 10,
    deadLetter: "video-generation-dead",
    notify: true,
  },
};

/** Grace for running jobs when a worker process stops; what is still running then is retried by another worker. */
export const WORKER_SHUTDOWN_GRACE_MS = 25_000;

export const DELIVER_QUEUE = "deliver";
export const CLEANUP_QUEUE = "cleanup";
export const CHAT_SWEEP_QUEUE = "chat-sweep";
export const JOB_SWEEP_QUEUE = "job-sweep";
export const TRANSLATE_QUEUE = "translate";

export const OTHER_QUEUES: Record<string, QueueOptions> = {
  // Stately: per job, at most one delivery waiting and one running. Progress updates that find
  // one already waiting are dropped, and the waiting one renders the job's latest state when it
  // runs: edits coalesce, and the last one always shows the final state.
  // Heartbeats: a delivery left active by a worker that died, or whose completion PostgreSQL
  // missed while restarting, is retried within seconds; until then stately holds back the job's
  // next delivery, which without them would wait out the 120 s expiry.
  // Retries: what fails a delivery is an outage (our databases, the platform's 5xx); a refusal
  // is not thrown. Retrying at least every 30 s for about an hour sends the result soon after
  // the outage ends, where a ten-minute backoff would hold it back long after; past the hour
  // the chat sweep keeps queuing it for a day. A failing delivery that finds the job's next one
  // already waiting to retry is failed at once (stately keeps one per state): that one renders
  // the job's latest state when it runs.
  [DELIVER_QUEUE]: {
    policy: "stately",
    retryLimit: 120,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 30,
    expireInSeconds: 120,
    heartbeatSeconds: 10,
    deadLetter: "deliver-dead",
    notify: true,
  },
  [CLEANUP_QUEUE]: { retryLimit: 1, expireInSeconds: 900 },
  [CHAT_SWEEP_QUEUE]: { retryLimit: 0, expireInSeconds: 240 },
  [JOB_SWEEP_QUEUE]: { retryLimit: 0, expireInSeconds: 240 },
  // A finished transcription translated on demand (jobs.translate). Exclusive: per job and
  // language (the singleton key) at most one waiting or running, so a second ask is refused.
  [TRANSLATE_QUEUE]: {
    policy: "exclusive",
    retryLimit: 4,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 120,
    expireInSeconds: 600,
    heartbeatSeconds: 10,
    notify: true,
  },
};

/**
 * Every queue's retry and expiry settings (attempts, backoff, expiry, heartbeats) in one value.
 * Production runs on RETRY_POLICY; a test passes one with the same attempts and shorter waits to
 * see a job through its retries in seconds.
 *
 * Within one attempt of a job, the provider SDKs also retry on their own and take no setting
 * for it, so these are the whole story only together with theirs:
 * - @fal-ai/client fixes a policy per queue call (its queue.js): submit and result 3 retries on
 *   429/502/503/504, status 5 retries with 500 too, at 1 s, 2 s, 4 s… (±25 %). An attempt that
 *   meets a 503 at submit spends about 7 s before the queue's retry; a 500 fails it at once. A
 *   submit whose answer was lost is never retried by it (see FalSubmitOutcomeUnknown).
 * - assemblyai retries nothing: a failed call fails the attempt, and the queue retries.
 */
export interface RetryPolicy {
  work: Record<JobType, QueueOptions>;
  other: Record<string, QueueOptions>;
}

export const RETRY_POLICY: RetryPolicy = { work: WORK_QUEUES, other: OTHER_QUEUES };

export const DEAD_LETTER_QUEUES = [
  "image-generation-dead",
  "transcription-dead",
  "lora-training-dead",
  "video-generation-dead",
  "deliver-dead",
];

/** Hourly: sweep temp/ uploads older than 24 h where the bucket has no lifecycle rule. */
export const CLEANUP_CRON = "17 * * * *";

/** Every 5 minutes: chat results whose change notice was lost are queued for delivery again. */
export const CHAT_SWEEP_CRON = "*/5 * * * *";

/**
 * Every minute: jobs left queued or running that no queue entry will run are settled. A chat
 * command is acknowledged before its job is written, so a web process killed in between leaves
 * a job nobody will ask for again; the sweep runs it within about three minutes.
 */
export const JOB_SWEEP_CRON = "* * * * *";
