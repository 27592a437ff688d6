import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../shared/config.js";
import { binaryPath, ensureBinary } from "./binaries.js";
import { type ManagedProcess, canConnect, freePort, startProcess, stopLeftover } from "./child-process.js";

/** Credentials of the embedded S3 server; it listens on loopback only and is never used in production. */
export const LOCAL_S3_CREDENTIALS = {
  accessKeyId: "local-dev-access-key",
  secretAccessKey: "local-dev-secret-key",
} as const;

export interface LocalStackOptions {
  /** Folder for the servers' data; created when missing. */
  dataDir: string;
  /** Fixed ports make `npm start` predictable; tests pass 0 to take free ones. */
  mongoPort?: number;
  s3Port?: number;
  log?: (msg: string) => void;
  /** Stop servers left from an earlier run on this folder and start with empty data. */
  fresh?: boolean;
}

export interface LocalStack {
  /** The config with the embedded servers' URLs filled in where the config left them unset. */
  config: Config;
  processes: ManagedProcess[];
  stop(): Promise<void>;
}

export async function startFerretDb(dataDir: string, port: number, log: (m: string) => void): Promise<ManagedProcess> {
  const binary = await ensureBinary("ferretdb", log);
  const dir = path.resolve(dataDir, "ferretdb");
  await mkdir(dir, { recursive: true });
  return startProcess({
    name: "ferretdb",
    binary,
    cwd: dir,
    port,
    pidFile: path.join(dir, "server.pid"),
    args: [
      "--handler=sqlite",
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      "--debug-addr=-",
      "--telemetry=disable",
      "--log-level=warn",
    ],
  });
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
 * stops first), else any free port, so a second stack never fails on a taken port.
 */
async function pickPort(dataDir: string, folder: string, preferred: number | undefined): Promise<number> {
  if (!preferred) return freePort();
  if (!(await canConnect(preferred))) return preferred;
  const leftover = await readFile(path.join(dataDir, folder, "server.pid"), "utf8").catch(() => undefined);
  return leftover ? preferred : freePort();
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
  const stop = async () => {
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  };
  let next: Config = config;
  try {
    const wantMongo = config.mongo.url === undefined;
    const wantS3 = config.s3.endpoint === undefined;
    // Build both binaries up front and in parallel: a cold build is minutes, not seconds.
    await Promise.all([
      wantMongo ? ensureBinary("ferretdb", log) : undefined,
      wantS3 ? ensureBinary("versitygw", log) : undefined,
    ]);
    if (wantMongo) {
      const port = await pickPort(opts.dataDir, "ferretdb", opts.mongoPort);
      processes.push(await startFerretDb(opts.dataDir, port, log));
      next = { ...next, mongo: { ...next.mongo, url: `mongodb://127.0.0.1:${port}/` } };
    }
    if (wantS3) {
      const port = await pickPort(opts.dataDir, "s3", opts.s3Port);
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
  return { config: next, processes, stop };
}
