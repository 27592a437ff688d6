import { type ChildProcess, spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface ManagedProcess {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number, host = "127.0.0.1"): Promise<boolean> {
  return reachable({ port, host });
}

export function canConnectSocket(socketPath: string): Promise<boolean> {
  return reachable({ path: socketPath });
}

function reachable(to: net.NetConnectOpts): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(to);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Whether a process with this id runs (another user's process too: signalling it is refused, not missing). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid the file names, when that process is alive and runs `binary`: a server an earlier run left behind. */
export async function leftoverPid(pidFile: string, binary: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number.parseInt(await readFile(pidFile, "utf8"), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return cmdline.startsWith(binary) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A parent killed with SIGKILL cannot stop its children; the pid file lets the next start
 * find such a leftover server (it holds the port and the data files) and stop it first.
 */
export async function stopLeftover(pidFile: string, binary: string): Promise<void> {
  const pid = await leftoverPid(pidFile, binary);
  if (pid === undefined) return;
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(50);
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return Promise.race([new Promise<boolean>((resolve) => child.once("exit", () => resolve(true))), sleep(ms).then(() => false)]);
}

export interface StartOptions {
  name: string;
  binary: string;
  args: string[];
  cwd: string;
  port: number;
  pidFile: string;
  readyTimeoutMs?: number;
}

/** Starts a server binary, waits until its port accepts connections, and returns a handle to stop it. */
export async function startProcess(opts: StartOptions): Promise<ManagedProcess> {
  await stopLeftover(opts.pidFile, opts.binary);
  const child = spawn(opts.binary, opts.args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${opts.name} exited during start (code ${child.exitCode}): ${output.join("").trim().slice(-800)}`);
    }
    const failed = await Promise.race([spawnError, sleep(50).then(() => undefined)]);
    if (failed) throw new Error(`${opts.name} could not be started: ${failed.message}`);
    if (await canConnect(opts.port)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${opts.name} did not listen on port ${opts.port} within the time limit: ${output.join("").trim().slice(-800)}`);
    }
  }
  if (child.pid === undefined) throw new Error(`${opts.name} has no pid`);
  await writeFile(opts.pidFile, String(child.pid));
  const pid = child.pid;

  return {
    name: opts.name,
    pid,
    async stop() {
      if (!(await waitForExit(child, 0))) {
        child.kill("SIGTERM");
        if (!(await waitForExit(child, 5_000))) {
          child.kill("SIGKILL");
          await waitForExit(child, 2_000);
        }
      }
      await rm(opts.pidFile, { force: true });
    },
  };
}
