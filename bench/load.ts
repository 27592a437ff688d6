import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { percentile } from "./stats.js";

const run = promisify(execFile);
const autocannonBin = path.resolve(import.meta.dirname, "..", "node_modules", ".bin", "autocannon");

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** Drives a URL from a separate autocannon process, so load generation does not share the server's event loop. */
export async function measure(
  name: string,
  url: string,
  opts: { headers?: Record<string, string>; seconds?: number; connections?: number } = {},
): Promise<LoadResult> {
  const headerArgs = Object.entries(opts.headers ?? {}).flatMap(([k, v]) => ["-H", `${k}=${v}`]);
  const args = ["--json", "-c", String(opts.connections ?? 10), "-d", String(opts.seconds ?? 5), ...headerArgs, url];
  // A short warm-up first: JIT, connection pools and caches.
  await run(autocannonBin, ["--json", "-c", "4", "-d", "1", ...headerArgs, url], { maxBuffer: 8 * 1024 * 1024 });
  const { stdout } = await run(autocannonBin, args, { maxBuffer: 8 * 1024 * 1024 });
  const r = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return { name, requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/**
 * A route and its baseline driven in turn, `rounds` times, each figure the median of its rounds:
 * the machine's load drifts over a run, and a baseline measured once, minutes after the route,
 * carried that drift (and the order of the two) into their ratio.
 */
export async function measureBeside(
  route: { name: string; url: string },
  baseline: { name: string; url: string },
  opts: { headers?: Record<string, string>; seconds?: number; connections?: number; rounds?: number } = {},
): Promise<{ route: LoadResult; baseline: LoadResult }> {
  const routeRuns: LoadResult[] = [];
  const baseRuns: LoadResult[] = [];
  for (let i = 0; i < (opts.rounds ?? 3); i++) {
    baseRuns.push(await measure(baseline.name, baseline.url, opts));
    routeRuns.push(await measure(route.name, route.url, opts));
  }
  const median = (runs: LoadResult[]): LoadResult => ({
    name: runs[0]?.name ?? "",
    requestsPerSecond: percentile(
      runs.map((r) => r.requestsPerSecond),
      50,
    ),
    p50Ms: percentile(
      runs.map((r) => r.p50Ms),
      50,
    ),
    p99Ms: percentile(
      runs.map((r) => r.p99Ms),
      50,
    ),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
  });
  return { route: median(routeRuns), baseline: median(baseRuns) };
}
