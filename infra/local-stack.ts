import { rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../shared/config.js";
import { binaryPath, ensureBinary } from "./binaries.js";
import { type ManagedProcess, canConnect, freePort, leftoverPid, stopLeftover } from "./child-process.js";
import { docsDatabaseName, docsStoreIsEmpty, dropDocsDatabase, prepareDocsDatabase } from "./docs-database.js";
import { type FerretDbStore, MIGRATION_MARKER, holdsSqliteData, startFerretDb } from "./ferretdb-server.js";
import { claimPort } from "./port-claims.js";
import { LOCAL_S3_CREDENTIALS, type LocalPorts, noteLocalPorts } from "./ports.js";
import { startVersityGw } from "./versitygw-server.js";

export interface LocalStackOptions {
  /** Folder for the servers' data; created when missing. */
  dataDir: string;
  /** Fixed ports make `npm start` predictable; tests pass 0 to take free ones. */
  mongoPort?: number;
  s3Port?: number;
  log?: (msg: string) => void;
  /**
   * Stop servers left from an earlier run on this folder and start with empty data there (the
   * PostgreSQL store is emptied only with `throwawayDocs`).
   */
  fresh?: boolean;
  /**
   * The PostgreSQL database (on DATABASE_URL's server) FerretDB keeps its collections in; by
   * default the one `docsDatabaseName` derives from DATABASE_URL. Tests and benchmarks name their own.
   */
  docsDatabase?: string;
  /** Start that database empty and drop it at stop: a test run's or a benchmark's store. */
  throwawayDocs?: boolean;
}

export interface LocalStack {
  /** The config with the embedded servers' URLs filled in where the config left them unset. */
  config: Config;
  processes: ManagedProcess[];
  /** The embedded FerretDB's store, when the stack started one. */
  mongoStore?: FerretDbStore;
  stop(): Promise<void>;
}

/**
 * PostgreSQL unless the config says otherwise; but SQLite data of an earlier version, with an
 * empty PostgreSQL store, keeps SQLite in use (and one line says so) rather than starting on an
 * empty store as if the jobs were gone.
 */
async function chooseFerretDbBackend(
  config: Config,
  opts: LocalStackOptions,
  docsDatabase: string,
  log: (m: string) => void,
): Promise<"postgresql" | "sqlite"> {
  if (config.mongo.embeddedBackend) return config.mongo.embeddedBackend;
  if (opts.throwawayDocs) return "postgresql";
  const sqliteDir = path.resolve(opts.dataDir, "ferretdb");
  if (!(await holdsSqliteData(sqliteDir))) return "postgresql";
  // A move that stopped half way left part of the documents in PostgreSQL: SQLite still holds them all.
  if (
    await stat(path.join(sqliteDir, MIGRATION_MARKER)).then(
      () => true,
      () => false,
    )
  ) {
    log(
      `job documents stay in SQLite: a store migrate into PostgreSQL (database ${docsDatabase}) did not finish; run \`npm run store:migrate\` again`,
    );
    return "sqlite";
  }
  if (!(await docsStoreIsEmpty(config.databaseUrl, docsDatabase))) return "postgresql";
  log(
    `job documents stay in SQLite: ${sqliteDir} holds them and the PostgreSQL store (database ${docsDatabase}) is empty. ` +
      "To move them, stop and run `npm run store:migrate` (it copies every collection into PostgreSQL and keeps the SQLite files aside). " +
      "EMBEDDED_MONGO_BACKEND=postgresql starts on PostgreSQL with no jobs (the SQLite files stay where they are); EMBEDDED_MONGO_BACKEND=sqlite keeps SQLite without this line",
  );
  return "sqlite";
}

/**
 * The preferred port when no other stack claims it (claimPort) and it is free (or held by our
 * own leftover server, which the start stops first), else any free port, so a second stack
 * never fails on a taken port. A pid file alone is not enough: its server may be dead and the
 * port held by another stack's server, whose answers would then pass for ours.
 */
async function pickPort(dataDir: string, folder: string, binary: string, preferred: number | undefined): Promise<number> {
  if (!preferred || !(await claimPort(preferred))) return freePort();
  if (!(await canConnect(preferred))) return preferred;
  return (await leftoverPid(path.join(dataDir, folder, "server.pid"), binary)) !== undefined ? preferred : freePort();
}

/**
 * Starts the embedded MongoDB-wire (FerretDB) and S3 (versitygw) servers for whatever the
 * config leaves unset. Production configs never reach here: they must name real servers.
 */
export async function startLocalStack(config: Config, opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => {});
  if (config.env === "production") {
    throw new Error("the embedded local servers are not for production: set MONGODB_URL and S3_ENDPOINT");
  }
  if (opts.fresh) {
    await stopLeftover(path.join(opts.dataDir, "ferretdb", "server.pid"), binaryPath("ferretdb"));
    await stopLeftover(path.join(opts.dataDir, "s3", "server.pid"), binaryPath("versitygw"));
    await rm(opts.dataDir, { recursive: true, force: true });
  }
  const processes: ManagedProcess[] = [];
  const docsDatabase = opts.docsDatabase ?? docsDatabaseName(config.databaseUrl);
  let mongoStore: FerretDbStore | undefined;
  let dropDocs = false;
  const stop = async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    if (dropDocs) {
      dropDocs = false;
      await dropDocsDatabase(config.databaseUrl, docsDatabase);
    }
  };
  let next: Config = config;
  const ports: Partial<LocalPorts> = {};
  try {
    const wantMongo = config.mongo.url === undefined;
    const wantS3 = config.s3.endpoint === undefined;
    // Build both binaries up front and in parallel: a cold build is minutes, not seconds.
    await Promise.all([wantMongo ? ensureBinary("ferretdb", log) : undefined, wantS3 ? ensureBinary("versitygw", log) : undefined]);
    if (wantMongo) {
      const backend = await chooseFerretDbBackend(config, opts, docsDatabase, log);
      if (backend === "postgresql") {
        dropDocs = opts.throwawayDocs === true;
        const databaseUrl = await prepareDocsDatabase(config.databaseUrl, docsDatabase, opts.throwawayDocs === true);
        mongoStore = { backend, databaseUrl };
        log(`ferretdb keeps job documents in PostgreSQL database ${docsDatabase}`);
      } else {
        mongoStore = { backend };
      }
      const port = await pickPort(opts.dataDir, "ferretdb", binaryPath("ferretdb"), opts.mongoPort);
      const ferretDb = await startFerretDb(opts.dataDir, port, log, mongoStore);
      ports.mongo = port;
      processes.push(ferretDb);
      next = { ...next, mongo: { ...next.mongo, url: ferretDb.url } };
    }
    if (wantS3) {
      const port = await pickPort(opts.dataDir, "s3", binaryPath("versitygw"), opts.s3Port);
      processes.push(await startVersityGw(opts.dataDir, port, config.s3.region, log));
      ports.s3 = port;
      next = {
        ...next,
        s3: {
          ...next.s3,
          endpoint: `http://127.0.0.1:${port}`,
          accessKeyId: LOCAL_S3_CREDENTIALS.accessKeyId,
          secretAccessKey: LOCAL_S3_CREDENTIALS.secretAccessKey,
          forcePathStyle: true,
        },
      };
    }
    await noteLocalPorts(opts.dataDir, ports);
  } catch (err) {
    await stop();
    throw err;
  }
  return { config: next, processes, ...(mongoStore ? { mongoStore } : {}), stop };
}
