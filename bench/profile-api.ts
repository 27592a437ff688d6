import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";
import { exitWithError } from "../shared/fatal.js";
import { API_BENCH_JOBS, startApiBenchServer } from "./api.js";
import { measure } from "./load.js";
import { startBenchStack } from "./stack.js";

/**
 * Drives one route of the API bench's server for a while and profiles the server's CPU during
 * the load only (not the collection's setup): `tsx bench/profile-api.ts [rest|trpc|direct]
 * [seconds] [callers] [jobs]` (20 s, 10 callers, the API bench's collection size by default)
 * writes .data/profiles/<route>-<time>.cpuprofile; `tsx bench/profile-summary.ts <file>` sums it up.
 */
async function main() {
  const route = process.argv[2] ?? "rest";
  const seconds = Number(process.argv[3] ?? 20);
  const connections = Number(process.argv[4] ?? 10);
  const jobs = Number(process.argv[5] ?? API_BENCH_JOBS);
  const log = (m: string) => process.stderr.write(`[profile] ${m}\n`);
  const { stack, config } = await startBenchStack(log);
  try {
    const server = await startApiBenchServer(
      config,
      log,
      jobs,
      stack.mongoStore?.backend === "postgresql" ? stack.mongoStore.databaseUrl : undefined,
    );
    try {
      const url = {
        rest: `${server.origin}/api/jobs/${server.jobId}`,
        trpc: `${server.origin}/trpc/jobs.get?input=${encodeURIComponent(JSON.stringify({ jobId: server.jobId }))}`,
        direct: `${server.origin}/auth-then-read`,
      }[route];
      if (!url) throw new Error(`unknown route ${route}: rest, trpc or direct`);
      // A warm-up first, unprofiled: JIT, pools and caches.
      await measure(route, url, { headers: server.auth, seconds: 3, connections });
      const session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.setSamplingInterval", { interval: 200 });
      await session.post("Profiler.start");
      const r = await measure(route, url, { headers: server.auth, seconds, connections });
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      const dir = path.resolve(config.dataDir, "profiles");
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${route}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      process.stdout.write(`${JSON.stringify(r)}\nprofile: ${path.relative(process.cwd(), file)}\n`);
    } finally {
      await server.close();
    }
  } finally {
    await stack.stop();
  }
}

main().catch(exitWithError);
