import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { freePort } from "../../infra/child-process.js";
import { createApp } from "../../server/app.js";
import { type ConnectedDeps, connectDeps } from "../../server/deps-connect.js";
import type { PgBoss } from "pg-boss";
import { startBoss } from "../../queue/boss.js";
import type { RetryPolicy } from "../../queue/queues.js";
import { createPgBossQueue } from "../../queue/job-queue.js";
import { type RecordingQueue, createRecordingQueue } from "../../bench/recording-queue.js";
import { type Workers, startWorkers, workerDeps } from "../../queue/start-workers.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { createLogger } from "../../shared/logger.js";
import { createTestDatabase, testConfig, uniqueName } from "./stack.js";

export interface TestApi {
  /** Present when started with `work: true`: the real pg-boss queue and workers. */
  boss?: PgBoss;
  workers?: Workers;
  deps: ConnectedDeps;
  app: ReturnType<typeof createApp>;
  /**
   * What the API queued, when it runs without pg-boss (neither `work` nor `enqueueOnly`): the
   * recording queue the app itself uses. Reading it from an API on pg-boss is a test's mistake.
   */
  readonly queue: RecordingQueue;
  /** Base URL of the app served on a real port. */
  url: string;
  /** Makes a workspace member with a fresh key; members of one workspace share its slug. */
  member(workspace: string, userId: string): Promise<{ key: string; userId: string; workspaceId: string; keyId: string }>;
  serviceKey(workspace: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole API on the run's real servers, with its own databases and bucket, served on a free port. */
export async function startTestApi(
  env: Record<string, string> = {},
  opts: {
    work?: boolean;
    enqueueOnly?: boolean;
    trustedOrigins?: string[];
    /** Retry and expiry settings of the queues and provider clients; production's by default. */
    retry?: RetryPolicy;
    publicUrl?: boolean;
    /** Collects every log line of the API and its workers here, at debug level. */
    logLines?: string[];
    /** Runs after the dependencies connect and before the first request: keys, mounted routes. */
    beforeServe?: (deps: ConnectedDeps, app: ReturnType<typeof createApp>) => Promise<void>;
  } = {},
): Promise<TestApi> {
  const database = await createTestDatabase();
  // The server's port is chosen first, so PORT (the address it listens on, the gallery's origin
  // without PUBLIC_URL) and, with publicUrl, PUBLIC_URL (webhooks, links) are its real address.
  const port = await freePort();
  const config = testConfig({
    databaseUrl: database.url,
    env: { PORT: String(port), ...env, ...(opts.publicUrl ? { PUBLIC_URL: `http://127.0.0.1:${port}` } : {}) },
  });
  const recording = opts.work || opts.enqueueOnly ? undefined : createRecordingQueue();
  const lines = opts.logLines;
  const logger = lines
    ? createLogger({ ...config, logLevel: "debug" }, { write: (line: string) => void lines.push(line) })
    : createLogger(config);
  const boss = opts.work || opts.enqueueOnly ? await startBoss(config.databaseUrl, opts.retry ? { retry: opts.retry } : {}) : undefined;
  const deps = await connectDeps(config, logger, boss ? createPgBossQueue(boss) : (recording ?? createRecordingQueue()));
  const workers =
    boss && opts.work
      ? await startWorkers(
          boss,
          workerDeps(config, logger, deps, deps.queue, {
            trustedOrigins: opts.trustedOrigins ?? [],
            ...(opts.retry ? { retry: opts.retry } : {}),
          }),
        )
      : undefined;
  const app = createApp(deps);
  await opts.beforeServe?.(deps, app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const suffix = uniqueName("").slice(1);
  const wsSlug = (name: string) => `${name}-${suffix}`;
  return {
    ...(boss ? { boss } : {}),
    ...(workers ? { workers } : {}),
    deps,
    app,
    get queue() {
      if (!recording) throw new Error("this API queues on pg-boss: read what it queued from pg-boss (api.boss)");
      return recording;
    },
    url,
    async member(workspace, userId) {
      const ws = await ensureWorkspace(deps.sql.db, { slug: wsSlug(workspace) });
      const m = await ensureMember(deps.sql.db, ws.id, userId);
      const { key, record } = await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: m.id, kind: "user", name: userId });
      return { key, userId, workspaceId: ws.id, keyId: record.id };
    },
    async serviceKey(workspace) {
      const ws = await ensureWorkspace(deps.sql.db, { slug: wsSlug(workspace) });
      return (await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: null, kind: "service", name: "bot" })).key;
    },
    async close() {
      await workers?.stop(2_000);
      if (!workers) await boss?.stop({ graceful: false });
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.close();
      await database.drop();
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
