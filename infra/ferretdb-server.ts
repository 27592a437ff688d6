import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureEmbeddedIndexes } from "../shared/db/mongo/embedded-indexes.js";
import { ensureBinary } from "./binaries.js";
import { type ManagedProcess, canConnectSocket, startProcess, stopLeftover } from "./child-process.js";
import { isLoopback, localSocketDir } from "./docs-database.js";

/** Where an embedded FerretDB keeps its collections. */
export type FerretDbStore = { backend: "sqlite" } | { backend: "postgresql"; databaseUrl: string };

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
