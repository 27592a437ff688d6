import { v5 as uuidv5 } from "uuid";
import type { PgBoss } from "pg-boss";
import type { Config } from "../shared/config.js";
import type { Core } from "../shared/connect.js";
import { finalStatuses, type JobType } from "../shared/db/mongo/job-schema.js";
import type { Logger } from "../shared/logger.js";
import { BACKLOG_BURST } from "./boss.js";
import { noticeChatChange } from "./job-queue.js";
import { createChatSenders } from "./chat/senders.js";
import type { DeliverMessage, JobQueue, TranslateMessage, WorkMessage } from "./job-queue.js";
import { createAssemblyAi } from "./providers/assemblyai.js";
import { createFal } from "./providers/fal.js";
import {
  CHAT_SWEEP_QUEUE,
  CLEANUP_QUEUE,
  DELIVER_QUEUE,
  JOB_SWEEP_QUEUE,
  RETRY_POLICY,
  type RetryPolicy,
  TRANSLATE_QUEUE,
} from "./queues.js";
import { runLimitFor } from "./limits/running.js";
import { runChatSweep } from "./workers/chat-sweep.js";
import type { WorkerDeps } from "./worker-deps.js";
import { runCleanup } from "./workers/cleanup.js";
import { runJobSweep } from "./workers/job-sweep.js";
import { ChannelBusy } from "./chat/deliver/channel-slots.js";
import { runDeliverMessage } from "./chat/deliver/dispatch.js";
import { runVideoGeneration } from "./workers/video-generation.js";
import { runImageGeneration } from "./workers/image-generation.js";
import { runLoraTraining } from "./workers/lora-training.js";
import { settleFailure } from "./workers/outcome.js";
import { runTranscription } from "./workers/transcription.js";
import { runTranslation } from "./workers/translation.js";
import { classifyFailure } from "./providers/failures.js";

type Runner = (deps: WorkerDeps, jobId: string, signal?: AbortSignal) => Promise<void>;

const runners: Partial<Record<JobType, Runner>> = {
  "image-generation": runImageGeneration,
  transcription: runTranscription,
  "lora-training": runLoraTraining,
  "video-generation": runVideoGeneration,
};

/** Outside production, provider base URLs the operator set (the local emulators) are trusted by the SSRF guard. */
function emulatorOrigins(config: Config): string[] {
  if (config.env === "production") return [];
  return [config.providers.falBaseUrl, config.providers.assemblyAiBaseUrl]
    .filter((u): u is string => Boolean(u))
    .map((u) => new URL(u).origin);
}

export function workerDeps(
  config: Config,
  logger: Logger,
  core: Core,
  queue: JobQueue,
  opts: { trustedOrigins?: string[]; retry?: RetryPolicy } = {},
): WorkerDeps {
  const retry = opts.retry ?? RETRY_POLICY;
  return {
    config,
    logger,
    jobs: core.jobs,
    webhooks: core.webhooks,
    storage: core.storage,
    sql: core.sql,
    fal: createFal(config.providers),
    assemblyai: createAssemblyAi(config.providers),
    trustedOrigins: opts.trustedOrigins ?? emulatorOrigins(config),
    queue,
    retry,
    chat: createChatSenders(config, logger, core.sql.db),
  };
}

export interface Workers {
  /** Stops taking jobs and lets running ones finish for up to `graceMs`; the rest are retried later. */
  stop(graceMs?: number): Promise<void>;
}

/** How long a job over a running-jobs limit waits before it is taken from the queue again. */
export const RUN_LIMIT_RECHECK_MS = 5_000;
const WAIT_NAMESPACE = "9d3e4b1a-52c7-4f0e-8b6a-1f2c3d4e5a6b";

/** A job canceled or finished meanwhile need not wait; its runner sees that and does nothing. */
async function stillWaiting(deps: WorkerDeps, jobId: string): Promise<boolean> {
  const job = await deps.jobs.get(jobId);
  return job?.status === "queued" || job?.status === "running";
}

/**
 * A retried attempt of a job that is already final: the worker before it finished the job and
 * died before its queue entry (and perhaps the chat notice) were done. Queue the notice again; a
 * result that already went out is not sent twice.
 */
async function finishedBeforeThisAttempt(deps: WorkerDeps, jobId: string): Promise<boolean> {
  const job = await deps.jobs.get(jobId);
  if (!job || !finalStatuses.includes(job.status)) return false;
  await noticeChatChange(deps, job);
  return true;
}

/** Registers a worker per job-type queue on pg-boss. */
export async function startWorkers(boss: PgBoss, deps: WorkerDeps): Promise<Workers> {
  const { queue } = deps;
  for (const [type, run] of Object.entries(runners) as Array<[JobType, Runner]>) {
    const retryLimit = deps.retry.work[type].retryLimit ?? 2;
    await boss.work<WorkMessage>(
      type,
      // NOTIFY wakes a worker for a new job at once; retries coming due send no NOTIFY, so the
      // backstop poll stays short to pick them up within seconds of their backoff.
      // groupConcurrency keeps pg-boss from handing out a member's jobs beyond their per-type
      // limit; runLimitFor checks again, strictly, and adds the workspace's limit.
      {
        localConcurrency: deps.config.workerConcurrency,
        groupConcurrency: deps.config.limits.runningPerUser[type],
        pollingIntervalSeconds: 2,
        notifyPollingIntervalSeconds: 2,
        ...BACKLOG_BURST,
      },
      async ([job]) => {
        if (!job) return;
        // Every line this run logs, the runner's own included, names the job and the request
        // that created it, so one id finds the job's story across the web and worker processes.
        const log = deps.logger.child({ jobId: job.data.jobId, requestId: job.data.requestId, queue: type, attempt: job.retryCount + 1 });
        const jobDeps: WorkerDeps = { ...deps, logger: log };
        const limit = await runLimitFor(deps, type, job);
        if (limit && (await stillWaiting(deps, job.data.jobId))) {
          // Over a running-jobs limit: the job goes back in line under a new queue id, and this
          // attempt ends without touching the job document or its retry count.
          const later = uuidv5(`${job.id}:waits`, WAIT_NAMESPACE);
          await boss.send(type, job.data, {
            id: later,
            group: { id: job.groupId ?? "" },
            startAfter: new Date(Date.now() + RUN_LIMIT_RECHECK_MS),
          });
          log.info({ limit }, "job waits for a running place");
          return;
        }
        if (job.retryCount > 0 && (await finishedBeforeThisAttempt(deps, job.data.jobId))) {
          log.info("job had already finished");
          return;
        }
        const started = performance.now();
        log.info("job started");
        try {
          await run(jobDeps, job.data.jobId, job.signal);
          log.info({ ms: Math.round(performance.now() - started) }, "job finished");
        } catch (err) {
          await settleFailure(jobDeps, job.data.jobId, err, { retryCount: job.retryCount, retryLimit });
        }
      },
    );
  }
  // Deliveries wait briefly for their channel's send slot, so several run at once. One whose
  // channel is booked further ahead is queued again for when the slot frees, rather than
  // holding a worker that deliveries to quieter channels could use.
  let deliverWorker: string | undefined;
  deliverWorker = await boss.work<DeliverMessage>(
    DELIVER_QUEUE,
    { localConcurrency: deps.config.chat.deliverConcurrency, pollingIntervalSeconds: 2, notifyPollingIntervalSeconds: 2, ...BACKLOG_BURST },
    async ([job]) => {
      if (!job) return;
      try {
        await runDeliverMessage(deps, job.data);
      } catch (err) {
        if (!(err instanceof ChannelBusy) || !("jobId" in job.data)) {
          // pg-boss keeps the error only on the queue row; the log says which attempt failed and why.
          deps.logger.warn(
            { ...job.data, attempt: job.retryCount + 1, err: err instanceof Error ? err.message : String(err) },
            "chat delivery attempt failed",
          );
          throw err;
        }
        await queue.notifyChat(job.data.jobId, err.retryInMs);
        // A delivery due later sends no NOTIFY when it comes due: this worker wakes for it then,
        // instead of at its next poll (up to 2 s late, which kept a busy channel at half its pace).
        setTimeout(() => {
          if (deliverWorker) boss.notifyWorker(deliverWorker);
        }, err.retryInMs + 10).unref();
      }
    },
  );
  await boss.work(CLEANUP_QUEUE, async () => {
    await runCleanup(deps);
  });
  await boss.work(CHAT_SWEEP_QUEUE, async () => {
    await runChatSweep(deps, queue);
  });
  await boss.work(JOB_SWEEP_QUEUE, async () => {
    await runJobSweep(deps, queue);
  });
  await boss.work<TranslateMessage>(TRANSLATE_QUEUE, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    const log = deps.logger.child({ ...job.data, queue: TRANSLATE_QUEUE, attempt: job.retryCount + 1 });
    try {
      await runTranslation({ ...deps, logger: log }, job.data);
    } catch (err) {
      // A refusal stays refused: the job keeps its transcript, and the member may ask again.
      const failure = classifyFailure(err);
      log.warn({ err: failure.message, code: failure.code }, "translation attempt failed");
      if (!failure.permanent) throw err;
    }
  });
  return {
    async stop(graceMs = 30_000) {
      await boss.stop({ graceful: true, timeout: graceMs });
    },
  };
}
