import { percentile } from "./stats.js";

/** One route's steps at one request at a time: the median of each `Server-Timing` metric, and the whole request's p50 and p99. */
export interface TimingBreakdown {
  name: string;
  p50Ms: number;
  p99Ms: number;
  steps: Record<string, number>;
}

/** `a;dur=1.5, b;dur=2` as metric names and durations. */
export function parseServerTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of (header ?? "").split(",")) {
    const [name, ...params] = entry.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    if (name && dur) out[name] = Number(dur.slice(4));
  }
  return out;
}

/**
 * Requests a route `count` times one after another (no queueing behind other requests, so each
 * step's time is its own) and reads where each request's time went from its Server-Timing header.
 */
export async function timingBreakdown(
  name: string,
  url: string,
  opts: { headers?: Record<string, string>; count?: number } = {},
): Promise<TimingBreakdown> {
  const samples: Array<Record<string, number>> = [];
  const latencies: number[] = [];
  for (let i = 0; i < (opts.count ?? 30); i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: opts.headers ?? {} });
    await res.arrayBuffer();
    latencies.push(performance.now() - start);
    if (!res.ok) throw new Error(`${name}: ${res.status}`);
    samples.push(parseServerTiming(res.headers.get("server-timing")));
  }
  const names = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  const steps = Object.fromEntries(
    names.map((n) => [
      n,
      percentile(
        samples.map((s) => s[n] ?? 0),
        50,
      ),
    ]),
  );
  return { name, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), steps };
}

/** One line per route: its steps' medians, the biggest first. */
export function formatBreakdown(b: TimingBreakdown): string {
  const steps = Object.entries(b.steps)
    .sort((x, y) => y[1] - x[1])
    .map(([n, ms]) => `${n} ${ms.toFixed(1)}`)
    .join(", ");
  return `${b.name}: p50 ${b.p50Ms.toFixed(1)} ms, p99 ${b.p99Ms.toFixed(1)} ms at one request at a time; medians (ms): ${steps}`;
}
