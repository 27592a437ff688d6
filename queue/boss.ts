import { PgBoss } from "pg-boss";
import { redactUrl } from "../shared/config.js";
import { PostgresConnectError } from "../shared/db/sql/client.js";
import {
  BOSS_SCHEMA,
  CHAT_SWEEP_CRON,
  CHAT_SWEEP_QUEUE,
  CLEANUP_CRON,
  CLEANUP_QUEUE,
  DEAD_LETTER_QUEUES,
  JOB_SWEEP_CRON,
  JOB_SWEEP_QUEUE,
  RETRY_POLICY,
  type RetryPolicy,
} from "./queues.js";

/**
 * pg-boss on the app's PostgreSQL, in its own schema, with LISTEN/NOTIFY so idle workers wake at
 * once. Queue counts are refreshed every 5 s rather than every minute: workers drain a backlog
 * without pausing between jobs only once the counts show one (see BACKLOG_BURST).
 */
export async function startBoss(
  databaseUrl: string,
  opts: { schema?: string; onError?: (err: Error) => void; retry?: RetryPolicy } = {},
): Promise<PgBoss> {
  const retry = opts.retry ?? RETRY_POLICY;
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: opts.schema ?? BOSS_SCHEMA,
    useListenNotify: true,
    max: 6,
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    queueCacheIntervalSeconds: 5,
  });
  boss.on("error", (err: Error) => opts.onError?.(err));
  try {
    await boss.start();
  } catch (err) {
    await boss.stop({ graceful: false }).catch(() => {});
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new PostgresConnectError(`DATABASE_URL: cannot reach ${redactUrl(databaseUrl)} (${reason})`);
  }
  for (const name of DEAD_LETTER_QUEUES) await boss.createQueue(name, { retentionSeconds: 30 * 86_400 });
  for (const [name, options] of [...Object.entries(retry.work), ...Object.entries(retry.other)]) {
    await boss.createQueue(name, options);
    // createQueue leaves an existing queue as it was: bring its settings up to date (the policy
    // is fixed at creation).
    const { policy: _policy, ...settings } = options;
    await boss.updateQueue(name, settings);
  }
  await boss.schedule(CLEANUP_QUEUE, CLEANUP_CRON);
  await boss.schedule(CHAT_SWEEP_QUEUE, CHAT_SWEEP_CRON);
  await boss.schedule(JOB_SWEEP_QUEUE, JOB_SWEEP_CRON);
  return boss;
}

/**
 * Worker option: a pg-boss worker waits its polling interval after every job unless a NOTIFY
 * came meanwhile, so a backlog already in the queue (after a restart, retries coming due, a
 * burst while every worker was busy) drained at one job per worker per 2 s. With more than one
 * job ready, fetch again at once; the first empty fetch returns to polling.
 */
export const BACKLOG_BURST = { burstWhenReadyExceeds: 1 } as const;
