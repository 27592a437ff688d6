import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { exitWithError } from "../shared/fatal.js";
import { type Row, apiBenchmark } from "./api.js";
import { chatBenchmark } from "./chat.js";
import { galleryBenchmark } from "./gallery.js";
import { operationsBenchmark } from "./operations.js";
import type { Figure, PartFigure } from "./figure.js";
import { queueBenchmark } from "./queue.js";
import { searchBenchmark } from "./search.js";
import { startBenchStack } from "./stack.js";
import { storeBenchmark } from "./store.js";
import { uploadBenchmark } from "./upload.js";
import { videoBenchmark } from "./video.js";

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** The parts of figure.ts, and the document store's. */
type RunFigure = Omit<PartFigure, "part"> & { part: PartFigure["part"] | "store" };

/**
 * The API part's load results as figures: throughput and latency, each beside its baseline (the
 * bare route, or for the API's job reads the same key check and read done directly).
 */
function apiFigures(rows: Row[]): RunFigure[] {
  return rows.slice(1).flatMap((r) => {
    const base = r.baselineResult;
    return [
      {
        part: "api" as const,
        name: `${r.name}: throughput`,
        value: r.requestsPerSecond,
        unit: "req/s",
        baseline: base.name,
        baselineValue: base.requestsPerSecond,
      },
      { part: "api" as const, name: `${r.name}: p50 latency`, value: r.p50Ms, unit: "ms", baseline: base.name, baselineValue: base.p50Ms },
      { part: "api" as const, name: `${r.name}: p99 latency`, value: r.p99Ms, unit: "ms", baseline: base.name, baselineValue: base.p99Ms },
    ];
  });
}

/** One table: every figure of every part with its same-run baseline and the ratio between them. */
function figureTable(rows: RunFigure[]): string {
  const head = ["part", "figure", "value", "baseline (same run)", "baseline value", "ratio"];
  // autocannon reports whole milliseconds: a bare route's 0 ms p50 has no meaningful ratio.
  const ratio = (r: RunFigure) => (r.baselineValue > 0 ? `${fmt(r.value / r.baselineValue, 2)}x` : "n/a");
  const body = rows.map((r) => [r.part, r.name, `${fmt(r.value)} ${r.unit}`, r.baseline, `${fmt(r.baselineValue)} ${r.unit}`, ratio(r)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** `npm run bench -- chat queue` runs only those parts (`api`, `queue`, `upload`, `chat`, `store`, `gallery`, `operations`, `search`, `video`); no names runs them all. */
const parts = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const wanted = (part: string) => parts.length === 0 || parts.includes(part);

/** `npm run bench`: every figure beside a baseline measured in the same run, printed and saved as JSON. */
async function main() {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const { stack, config } = await startBenchStack(log);
  try {
    const docsSqlUrl = stack.mongoStore?.backend === "postgresql" ? stack.mongoStore.databaseUrl : undefined;
    const rows = wanted("api") ? await apiBenchmark(config, log, docsSqlUrl) : [];
    const figures: RunFigure[] = apiFigures(rows);
    const tag = (part: RunFigure["part"]) => (fs: Figure[]) => fs.map((f) => ({ part, ...f }));
    const ferretDbPid = stack.processes.find((p) => p.name === "ferretdb")?.pid;
    if (wanted("queue")) figures.push(...tag("queue")(await queueBenchmark(config, log, ferretDbPid === undefined ? {} : { ferretDbPid })));
    if (wanted("upload")) figures.push(...tag("upload")(await uploadBenchmark(config, log)));
    if (wanted("chat")) figures.push(...tag("chat")(await chatBenchmark(config, log)));
    if (wanted("store")) figures.push(...tag("store")(await storeBenchmark(config, log)));
    if (wanted("gallery")) figures.push(...tag("gallery")(await galleryBenchmark(config, log, docsSqlUrl)));
    if (wanted("operations")) figures.push(...tag("operations")(await operationsBenchmark(config, log)));
    if (wanted("search")) figures.push(...tag("search")(await searchBenchmark(config, log, docsSqlUrl)));
    if (wanted("video")) figures.push(...tag("video")(await videoBenchmark(config, log)));
    const failures = rows.filter((r) => r.errors + r.non2xx > 0).map((r) => `${r.name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
    process.stdout.write(
      `${figureTable(figures)}\n${failures.length ? `\nfailed requests during the API load:\n${failures.join("\n")}\n` : ""}`,
    );
    const file = path.resolve(import.meta.dirname, "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await writeFile(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, figures, apiLoad: rows }, null, 2)}\n`,
    );
    process.stdout.write(`saved ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await stack.stop();
  }
}

main().catch(exitWithError);
