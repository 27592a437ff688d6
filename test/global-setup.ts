import { randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { binaryPath } from "../infra/binaries.js";
import { ensureChromium } from "../infra/chromium.js";
import { ensureEspeak } from "../infra/espeak.js";
import { ensureFfmpeg } from "../infra/ffmpeg.js";
import { ensureCompletionShells } from "../infra/shells.js";
import { stopLeftover } from "../infra/child-process.js";
import { startLocalStack } from "../infra/local-stack.js";
import { LOCAL_POSTGRES, loadConfig } from "../shared/config.js";
import { dropDatabase, ensureDatabase, withDatabase, withServer } from "../shared/db/sql/ensure-database.js";
import { isAlive } from "./helpers/processes.js";

export interface TestStack {
  /** The run's own PostgreSQL database, dropped at its end: what a test that names none uses. */
  databaseUrl: string;
  /** The PostgreSQL server the run makes its databases on (DATABASE_URL, or this machine's). */
  serverUrl: string;
  mongoUrl: string;
  /** The PostgreSQL database of the embedded FerretDB, when it runs on PostgreSQL; else empty. */
  mongoSqlUrl: string;
  s3Endpoint: string;
  s3AccessKeyId: string;
  s3SecretAccessKey: string;
  s3ForcePathStyle: boolean;
  s3Region: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: TestStack;
    /** Debian's chromium for the gallery's browser tests; empty when it could not be installed. */
    chromiumPath: string;
    /** How long test/reliability.test.ts keeps its load and its faults going (vitest configs). */
    reliabilitySeconds: number;
  }
}

/** The tiers that run on the embedded stack; `unit` needs none of it. */
const STACK_TIERS = new Set(["api", "system", "reliability"]);
/** The tiers that drive Chromium. */
const BROWSER_TIERS = new Set(["system"]);
/** The tiers whose workers read videos with Debian's ffmpeg. */
const VIDEO_TIERS = new Set(["system"]);
/** The tiers that read the CLI's completion scripts with zsh and fish. */
const SHELL_TIERS = new Set(["system"]);

/**
 * Starts the same embedded servers `npm start` uses (unless MONGODB_URL / S3_ENDPOINT name
 * real ones) once for the whole run, when a tier of the run needs them; each test file then
 * takes its own database and bucket. The root project's setup runs once per run, and what it
 * provides every tier inherits.
 */
export default async function setup(project: TestProject) {
  const tiers = new Set(project.vitest.projects.map((p) => p.name));
  if (![...tiers].some((t) => STACK_TIERS.has(t))) return;
  // The server of DATABASE_URL, or this machine's: never the data folder's own database, which
  // is `npm start`'s.
  const server = loadConfig({ DATABASE_URL: `${LOCAL_POSTGRES}/postgres`, ...process.env, NODE_ENV: "test" });
  const root = path.resolve(server.dataDir, "test");
  await removeDeadRuns(root, server.databaseUrl);
  // A database of the run's own for whatever names none (a worker spawned on testConfig()), so
  // nothing a test starts ever works in the server's shared `postgres` database.
  const runDatabase = withDatabase(server.databaseUrl, `${RUN_PREFIX}${process.pid}_${randomBytes(3).toString("hex")}`);
  await ensureDatabase(runDatabase, { anew: true });
  const base = { ...server, databaseUrl: runDatabase };
  // A folder and a document database of this run's own (named by its process id), so a second
  // vitest running at the same time (one file, while the suite runs) never touches this run's
  // servers or data.
  const dataDir = path.join(root, `run-${process.pid}`);
  const stack = await startLocalStack(base, {
    dataDir,
    fresh: true,
    docsDatabase: `${DOCS_PREFIX}${process.pid}_${randomBytes(3).toString("hex")}`,
    throwawayDocs: true,
    log: (msg) => process.stdout.write(`[test stack] ${msg}\n`),
  });
  const c = stack.config;
  const log = (m: string) => process.stdout.write(`[test stack] ${m}\n`);
  const needsBrowser = [...tiers].some((t) => BROWSER_TIERS.has(t));
  project.provide("chromiumPath", needsBrowser ? ((await ensureChromium(log)) ?? "") : "");
  // Missing and not installable: the video tests fail on the worker's own "ffmpeg is not installed".
  if ([...tiers].some((t) => VIDEO_TIERS.has(t))) await ensureFfmpeg(log);
  // Missing and not installable: the spoken-recording tests fail on the helper's own "espeak-ng is not installed".
  if ([...tiers].some((t) => VIDEO_TIERS.has(t))) await ensureEspeak(log);
  if ([...tiers].some((t) => SHELL_TIERS.has(t))) await ensureCompletionShells(log);
  project.provide("stack", {
    databaseUrl: runDatabase,
    serverUrl: server.databaseUrl,
    mongoUrl: c.mongo.url ?? "",
    mongoSqlUrl: stack.mongoStore?.backend === "postgresql" ? stack.mongoStore.databaseUrl : "",
    s3Endpoint: c.s3.endpoint ?? "",
    s3AccessKeyId: c.s3.accessKeyId ?? "",
    s3SecretAccessKey: c.s3.secretAccessKey ?? "",
    s3ForcePathStyle: c.s3.forcePathStyle,
    s3Region: c.s3.region,
  });
  return async () => {
    await stack.stop();
    await dropDatabase(runDatabase);
    await rm(dataDir, { recursive: true, force: true });
  };
}

/** Each run's document database, `t_docs_<pid>_<random>`, and its own database, `t_run_<pid>_<random>`. */
const DOCS_PREFIX = "t_docs_";
const RUN_PREFIX = "t_run_";

/** Servers and data a run left behind when it was killed: its process is gone, they are not. */
async function removeDeadRuns(root: string, databaseUrl: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const pid = Number(/-(\d+)$/.exec(e.name)?.[1]);
    if (!e.isDirectory() || !pid || isAlive(pid)) continue;
    const dir = path.join(root, e.name);
    await stopLeftover(path.join(dir, "ferretdb", "server.pid"), binaryPath("ferretdb"));
    await stopLeftover(path.join(dir, "s3", "server.pid"), binaryPath("versitygw"));
    await rm(dir, { recursive: true, force: true });
  }
  await withServer(databaseUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where starts_with(datname, $1) or starts_with(datname, $2)",
      [DOCS_PREFIX, RUN_PREFIX],
    );
    for (const { datname } of rows) {
      const pid = Number(datname.split("_")[2]);
      if (pid && !isAlive(pid)) await admin.query(`drop database if exists ${admin.escapeIdentifier(datname)} with (force)`);
    }
  });
}
