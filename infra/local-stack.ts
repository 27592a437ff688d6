import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { type Config, redactUrl } from "../shared/config.js";
import { ensureEmbeddedIndexes } from "../shared/db/mongo/embedded-indexes.js";
import { binaryPath, ensureBinary } from "./binaries.js";
import { type ManagedProcess, canConnect, canConnectSocket, freePort, leftoverPid, startProcess, stopLeftover } from "./child-process.js";
import { LOCAL_S3_CREDENTIALS } from "./ports.js";

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

/** Where an embedded FerretDB keeps its collections. */
export type FerretDbStore = { backend: "sqlite" } | { backend: "postgresql"; databaseUrl: string };

export interface LocalStack {
  /** The config with the embedded servers' URLs filled in where the config left them unset. */
  config: Config;
  processes: ManagedProcess[];
  /** The embedded FerretDB's store, when the stack started one. */
  mongoStore?: FerretDbStore;
  stop(): Promise<void>;
}

/**
 * The database `npm start` keeps job documents in: DATABASE_URL's with `_docs` appended, or
 * `content_generation_docs` beside the server's default `postgres` database. One server then
 * holds all local state, and a second checkout with its own DATABASE_URL gets its own store.
 */
export function docsDatabaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  return !name || name === "postgres" ? "content_generation_docs" : `${name.slice(0, 58)}_docs`;
}

function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/**
 * FerretDB's connection settings. Its PostgreSQL handler passes a filter's field name as a query
 * parameter (`_jsonb -> $1 @> $2`), and PostgreSQL matches an expression index only on a plan
 * made for the actual values: a generic plan of such a statement is a sequential scan, which
 * plan_cache_mode=auto never prefers to the index plans made for each call's values (their
 * estimated cost is far lower). Point reads and writes by _id (point-id-btree.patch, and
 * FerretDB's own update) compare `_jsonb->'_id' = $1` on the unique index, whose generic plan
 * costs what a custom one does, so auto keeps it after five calls and stops planning each one:
 * planning was about half of PostgreSQL's time on a findOne by _id. An update reads the document on one pooled connection
 * and, before letting it go, writes it in a transaction on a second: when reads hold every
 * connection, the updates wait for each other for ever. Measured here, a pool of 10 hung with
 * 100 to 200 updates at once (3 tries of 8), one of 50 (FerretDB's default, kept) finished 500
 * at once; a process's driver pool allows 20 (shared/db/mongo/client.ts). Idle connections go
 * back to the shared server after a minute.
 */
function ferretDbPostgresUrl(databaseUrl: string, socketDir: string | undefined): string {
  const url = new URL(databaseUrl);
  if (socketDir) url.searchParams.set("host", socketDir);
  // pgx's default (sslmode=prefer) encrypts every message when the server has TLS on, as
  // Debian's PostgreSQL has: on the loopback that protects nothing, and encrypting each 2.5 KB
  // document took about 7% of FerretDB's CPU time on an update (and PostgreSQL's to decrypt it).
  // A URL that names its sslmode keeps it.
  if (!url.searchParams.has("sslmode") && isLoopback(url.hostname)) url.searchParams.set("sslmode", "disable");
  url.searchParams.set("plan_cache_mode", "auto");
  url.searchParams.set("pool_max_conns", "50");
  url.searchParams.set("pool_max_conn_idle_time", "1m");
  return url.toString();
}

/**
 * The Unix socket directory of DATABASE_URL's server when that server is this machine's and
 * takes this user through its socket too. Over loopback TCP every message costs kernel time on
 * both sides, and an update through FerretDB is two round trips, one carrying the whole document:
 * measured here, updates by _id went from 1,630 to 1,870 a second over the socket (6 rounds each,
 * 8 callers, 10k documents). The server's own socket for its port is the one probed, with the
 * URL's user and database, so a socket that refuses them (peer authentication, say) leaves TCP.
 */
export async function localSocketDir(databaseUrl: string): Promise<string | undefined> {
  const url = new URL(databaseUrl);
  if (url.searchParams.has("host") || !isLoopback(url.hostname) || url.hostname === "") return undefined;
  // Which server answers: a forwarded port or a second cluster on this machine may own the socket of that name.
  const whoSql =
    "select current_setting('unix_socket_directories') as dirs, current_setting('port') as port, pg_postmaster_start_time()::text as started, inet_server_addr() is null as local";
  type Who = { dirs: string; port: string; started: string; local: boolean };
  try {
    const tcp = await withClient(databaseUrl, async (client) => (await client.query<Who>(whoSql)).rows[0]);
    if (!tcp) return undefined;
    for (const dir of tcp.dirs
      .split(",")
      .map((d) => d.trim())
      .filter((d) => d.startsWith("/"))) {
      const viaSocket = new URL(databaseUrl);
      viaSocket.searchParams.set("host", dir);
      const socket = await withClient(viaSocket.toString(), async (client) => (await client.query<Who>(whoSql)).rows[0]).catch(
        () => undefined,
      );
      // inet_server_addr() is null only for a connection that came through a socket.
      if (socket?.local && socket.port === tcp.port && socket.started === tcp.started) return dir;
    }
  } catch {
    // TCP works, as the caller found: keep it.
  }
  return undefined;
}

/** A host on this machine: the loopback, or none (a Unix socket). */
function isLoopback(hostname: string): boolean {
  return ["", "localhost", "127.0.0.1", "[::1]", "::1"].includes(hostname) || hostname.startsWith("127.");
}

async function withClient<T>(databaseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (err) {
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new Error(
      `DATABASE_URL: cannot reach ${redactUrl(databaseUrl)} (${reason}); the embedded MongoDB-wire server keeps its data there`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when missing (or, for a throwaway one, anew); returns its URL. */
export async function prepareDocsDatabase(serverUrl: string, name: string, anew: boolean): Promise<string> {
  await withClient(serverUrl, async (client) => {
    const quoted = client.escapeIdentifier(name);
    if (anew) await client.query(`drop database if exists ${quoted} with (force)`);
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount !== 0) return;
    try {
      await client.query(`create database ${quoted}`);
    } catch (err) {
      // Another start made it in the meantime.
      if ((err as { code?: string }).code !== "42P04") throw err;
    }
  });
  return withDatabase(serverUrl, name);
}

async function dropDocsDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
  });
}

/** Whether FerretDB on PostgreSQL holds no collection yet (its database may not even exist). */
async function docsStoreIsEmpty(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    const exists = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) return true;
    return withClient(withDatabase(serverUrl, name), async (docs) => {
      const schemas = await docs.query<{ schema: string }>(
        "select n.nspname as schema from pg_class c join pg_namespace n on n.oid = c.relnamespace where c.relname = '_ferretdb_database_metadata' and c.relkind = 'r'",
      );
      for (const { schema } of schemas.rows) {
        const any = await docs.query(`select 1 from ${docs.escapeIdentifier(schema)}._ferretdb_database_metadata limit 1`);
        if (any.rowCount !== 0) return false;
      }
      return true;
    });
  });
}

/**
 * FerretDB's SQLite backend keeps one `<database>.sqlite` file per database in its folder, with
 * SQLite's `-wal` and `-shm` files beside it while open.
 */
export async function sqliteFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => /\.sqlite(-wal|-shm)?$/.test(n));
}

/** Written in the SQLite folder when `store migrate` starts and removed when it has moved the files. */
export const MIGRATION_MARKER = "store-migrate.incomplete";

export async function holdsSqliteData(dir: string): Promise<boolean> {
  return (await sqliteFiles(dir)).some((n) => n.endsWith(".sqlite"));
}

/**
 * Starts FerretDB. On PostgreSQL its database must exist; the GIN indexes its queries need
 * (shared/db/mongo/embedded-indexes.ts) are put in place first. SQLite keeps the files in the
 * data folder.
 */
export async function startFerretDb(
  dataDir: string,
  port: number,
  log: (m: string) => void,
  store: FerretDbStore = { backend: "sqlite" },
): Promise<ManagedProcess & { url: string }> {
  const binary = await ensureBinary("ferretdb", log);
  const dir = path.resolve(dataDir, "ferretdb");
  await mkdir(dir, { recursive: true });
  const pidFile = path.join(dir, "server.pid");
  const socketPath = unixSocketPath(dir);
  if (socketPath) {
    // A server killed outright leaves its socket file, and a new one cannot listen on it.
    await stopLeftover(pidFile, binary);
    await rm(socketPath, { force: true });
  }
  let backendArgs = ["--handler=sqlite", `--sqlite-url=file:${dir}/`];
  if (store.backend === "postgresql") {
    const indexes = await ensureEmbeddedIndexes(store.databaseUrl);
    if (indexes.created > 0) log(`ferretdb: made ${indexes.created} indexes on existing collections`);
    if (!indexes.automatic) {
      log("ferretdb: DATABASE_URL's user is not a superuser, so collections made from now on get their indexes at the next start");
    }
    // Sorted finds are ordered by PostgreSQL, through the sort indexes ensureEmbeddedIndexes makes.
    const postgresqlUrl = ferretDbPostgresUrl(store.databaseUrl, await localSocketDir(store.databaseUrl));
    backendArgs = ["--handler=postgresql", `--postgresql-url=${postgresqlUrl}`, "--test-enable-sort-pushdown"];
  }
  const server = await startProcess({
    name: "ferretdb",
    binary,
    cwd: dir,
    port,
    pidFile,
    args: [
      ...backendArgs,
      `--listen-addr=127.0.0.1:${port}`,
      ...(socketPath ? [`--listen-unix=${socketPath}`] : []),
      `--state-dir=${dir}`,
      "--debug-addr=-",
      "--telemetry=disable",
      "--log-level=warn",
    ],
  });
  if (!socketPath) return { ...server, url: `mongodb://127.0.0.1:${port}/` };
  // FerretDB opens its TCP listener first; the socket follows within moments.
  const deadline = Date.now() + 10_000;
  while (!(await canConnectSocket(socketPath))) {
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`ferretdb did not listen on ${socketPath} within the time limit`);
    }
    await sleep(20);
  }
  return { ...server, url: `mongodb://${encodeURIComponent(socketPath)}/` };
}

/**
 * The Unix socket the service reaches the embedded FerretDB through: every job read and write
 * crosses it, and on loopback TCP the kernel's share of each round trip was about an eighth of
 * a point read's CPU (a read by `_id` 13% faster, an update 20%, beside TCP in one run). The TCP
 * port stays open for tools. A path longer than a socket address holds falls back to TCP.
 */
function unixSocketPath(dir: string): string | undefined {
  const socketPath = path.join(dir, "ferretdb.sock");
  return Buffer.byteLength(socketPath) <= 100 ? socketPath : undefined;
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
      `job documents stay in SQLite: a store migrate into PostgreSQL (database ${docsDatabase}) did not finish; run \`npm run cli -- store migrate\` again`,
    );
    return "sqlite";
  }
  if (!(await docsStoreIsEmpty(config.databaseUrl, docsDatabase))) return "postgresql";
  log(
    `job documents stay in SQLite: ${sqliteDir} holds them and the PostgreSQL store (database ${docsDatabase}) is empty. ` +
      "To move them, stop and run `npm run cli -- store migrate` (it copies every collection into PostgreSQL and keeps the SQLite files aside). " +
      "EMBEDDED_MONGO_BACKEND=postgresql starts on PostgreSQL with no jobs (the SQLite files stay where they are); EMBEDDED_MONGO_BACKEND=sqlite keeps SQLite without this line",
  );
  return "sqlite";
}

async function startVersityGw(dataDir: string, port: number, region: string, log: (m: string) => void): Promise<ManagedProcess> {
  const binary = await ensureBinary("versitygw", log);
  const root = path.resolve(dataDir, "s3");
  const buckets = path.join(root, "buckets");
  const versions = path.join(root, "versions");
  await mkdir(buckets, { recursive: true });
  await mkdir(versions, { recursive: true });
  return startProcess({
    name: "versitygw",
    binary,
    cwd: root,
    port,
    pidFile: path.join(root, "server.pid"),
    args: [
      "--port",
      `127.0.0.1:${port}`,
      "--access",
      LOCAL_S3_CREDENTIALS.accessKeyId,
      "--secret",
      LOCAL_S3_CREDENTIALS.secretAccessKey,
      "--region",
      region,
      "--quiet",
      "posix",
      "--versioning-dir",
      versions,
      buckets,
    ],
  });
}

/**
 * The preferred port when it is free (or held by our own leftover server, which the start
 * stops first), else any free port, so a second stack never fails on a taken port. A pid file
 * alone is not enough: its server may be dead and the port held by another stack's server,
 * whose answers would then pass for ours.
 */
async function pickPort(dataDir: string, folder: string, binary: string, preferred: number | undefined): Promise<number> {
  if (!preferred) return freePort();
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
      processes.push(ferretDb);
      next = { ...next, mongo: { ...next.mongo, url: ferretDb.url } };
    }
    if (wantS3) {
      const port = await pickPort(opts.dataDir, "s3", binaryPath("versitygw"), opts.s3Port);
      processes.push(await startVersityGw(opts.dataDir, port, config.s3.region, log));
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
  } catch (err) {
    await stop();
    throw err;
  }
  return { config: next, processes, ...(mongoStore ? { mongoStore } : {}), stop };
}
