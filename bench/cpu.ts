import { readFile, readdir } from "node:fs/promises";
import { percentile } from "./stats.js";

/** The unit of /proc's CPU times: USER_HZ, 100 a second on Linux. */
const TICKS_PER_SECOND = 100;

/** Seconds of CPU (user and system) in a /proc/<pid>/stat line. */
function cpuSecondsOf(stat: string): number {
  // The command name, in parentheses, may hold spaces: the fields are counted after it.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Seconds of CPU a process has used, from /proc; undefined once it has gone. */
async function processCpuSeconds(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
  return stat === undefined ? undefined : cpuSecondsOf(stat);
}

/** Seconds of CPU every PostgreSQL process on the machine has used: the server and its backends. */
async function postgresCpuSeconds(): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    if (stat.includes(" (postgres) ")) total += cpuSecondsOf(stat);
  }
  return total;
}

export interface CpuSnapshot {
  thisProcess: number;
  server?: number;
  postgres: number;
}

/** CPU per operation, in microseconds, of each process that took part. */
export interface CpuPerOp {
  thisProcess: number;
  /** The server between this process and PostgreSQL (FerretDB), when there is one. */
  server?: number;
  postgres: number;
  total: number;
}

/**
 * Where an operation's CPU goes: this process (the client and its driver), the server it talks
 * to, and PostgreSQL. Rates on this 2-core machine are bounded by the sum, so the split says
 * which part a ratio is made of. Linux only (/proc); `available` is false elsewhere. PostgreSQL's
 * share counts every PostgreSQL process, so it holds whatever else the server did meanwhile.
 */
export async function cpuMeter(serverPid?: number) {
  const available = await readFile("/proc/self/stat", "utf8").then(
    () => true,
    () => false,
  );
  return {
    available,
    async snapshot(): Promise<CpuSnapshot> {
      const usage = process.cpuUsage();
      const server = serverPid === undefined ? undefined : await processCpuSeconds(serverPid);
      return {
        thisProcess: (usage.user + usage.system) / 1e6,
        ...(server === undefined ? {} : { server }),
        postgres: available ? await postgresCpuSeconds() : 0,
      };
    },
    perOp(from: CpuSnapshot, to: CpuSnapshot, ops: number): CpuPerOp {
      const us = (a: number, b: number) => ((b - a) / ops) * 1e6;
      const thisProcess = us(from.thisProcess, to.thisProcess);
      const server = from.server !== undefined && to.server !== undefined ? us(from.server, to.server) : undefined;
      const postgres = us(from.postgres, to.postgres);
      return { thisProcess, ...(server === undefined ? {} : { server }), postgres, total: thisProcess + (server ?? 0) + postgres };
    },
  };
}

export type CpuMeter = Awaited<ReturnType<typeof cpuMeter>>;

/** The median of each process's CPU per op over metered rounds; undefined unless every round was metered. */
export function medianCpu(rounds: Array<CpuPerOp | undefined>): CpuPerOp | undefined {
  const all = rounds.filter((r): r is CpuPerOp => r !== undefined);
  if (all.length === 0 || all.length !== rounds.length) return undefined;
  const mid = (pick: (r: CpuPerOp) => number) => percentile(all.map(pick), 50);
  const server = all.every((r) => r.server !== undefined) ? mid((r) => r.server ?? 0) : undefined;
  return {
    thisProcess: mid((r) => r.thisProcess),
    ...(server === undefined ? {} : { server }),
    postgres: mid((r) => r.postgres),
    total: mid((r) => r.total),
  };
}
