import { type ChildProcess, execFile, spawn } from "node:child_process";
import { chown, mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "../../infra/child-process.js";
import { waitFor } from "./processes.js";

const run = promisify(execFile);

/** The machine's PostgreSQL server binaries (Debian keeps them under /usr/lib/postgresql/<major>/bin). */
async function binDir(): Promise<string> {
  const majors = (await readdir("/usr/lib/postgresql")).sort((a, b) => Number(b) - Number(a));
  if (!majors[0]) throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql");
  return path.join("/usr/lib/postgresql", majors[0], "bin");
}

/** PostgreSQL will not run as root: as root, its commands run as the `postgres` user. */
const asPostgres = (binary: string, args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];

/** True once the server answers a query (it refuses them while it starts up). */
async function ready(port: number): Promise<true | undefined> {
  const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface PrivatePostgres {
  url: string;
  /** Stops the server (fast shutdown: clients are disconnected) and starts it again on the same port and data. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own, from the machine's binaries, in a temporary folder on
 * a free port, so a test can restart a real PostgreSQL without touching the one other tests use.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await binDir();
  const dir = await mkdtemp(path.join(tmpdir(), "cg-pg-"));
  const data = path.join(dir, "data");
  await mkdir(data);
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout), Number(gid));
    await chown(data, Number(stdout), Number(gid));
  }
  const [initdb, initArgs] = asPostgres(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  await run(initdb, initArgs);
  const port = await freePort();
  let server: ChildProcess | undefined;
  const start = async () => {
    const [postgres, args] = asPostgres(path.join(bin, "postgres"), [
      "-D",
      data,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "max_connections=200",
    ]);
    server = spawn(postgres, args, { stdio: "ignore" });
    await waitFor(() => ready(port), 30_000, "the private PostgreSQL to accept connections");
  };
  const stop = async () => {
    const s = server;
    if (!s || s.exitCode !== null) return;
    const exited = new Promise((r) => s.once("exit", r));
    // SIGINT to the postmaster itself (runuser does not pass it on): a fast shutdown, as when
    // the service restarts; clients are disconnected.
    const pid = Number((await readFile(path.join(data, "postmaster.pid"), "utf8")).split("\n")[0]);
    process.kill(pid, "SIGINT");
    await exited;
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs = 2_000) {
      await stop();
      await new Promise((r) => setTimeout(r, downMs));
      await start();
    },
    async stop() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
