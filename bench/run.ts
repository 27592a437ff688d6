import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startLocalStack } from "../infra/local-stack.js";
import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { type Row, apiBenchmark } from "./api.js";
import { chatBenchmark } from "./chat.js";
import { type QueueFigure, queueBenchmark } from "./queue.js";
import { uploadBenchmark } from "./upload.js";

const fmt = (n: number, digits = 1) => n.toFixed(digits);

function figureTable(rows: QueueFigure[]): string {
  const head = ["figure", "value", "baseline", "baseline value", "ratio"];
  const body = rows.map((r) => [r.name, `${fmt(r.value)} ${r.unit}`, r.baseline, `${fmt(r.baselineValue)} ${r.unit}`, `${fmt(r.value / r.baselineValue, 2)}x`]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

function table(rows: Row[]): string {
  const head = ["benchmark", "req/s", "p50 ms", "p99 ms", "vs baseline", "baseline", "errors"];
  const body = rows.map((r) => [r.name, fmt(r.requestsPerSecond, 0), fmt(r.p50Ms), fmt(r.p99Ms), `${fmt(r.ratio, 2)}x`, r.baseline, String(r.errors + r.non2xx)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/** `npm run bench -- chat queue` runs only those parts; no names runs them all. */
const parts = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const wanted = (part: string) => parts.length === 0 || parts.includes(part);

/** `npm run bench`: every figure beside a baseline measured in the same run, printed and saved as JSON. */
async function main() {
  const base = loadConfig();
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const stack = await startLocalStack(base, { dataDir: path.resolve(base.dataDir, "bench"), fresh: true, log });
  try {
    // Requests and jobs are still counted per member, as in production, but a load test is
    // never refused or made to wait by one member's limits.
    const many = 1_000_000_000;
    const config = {
      ...stack.config,
      limits: {
        ...stack.config.limits,
        requestsPerMinute: many,
        runningPerUser: { "lora-training": many, "image-generation": many, transcription: many },
        runningPerWorkspace: many,
        queuedPerUser: many,
        queuedPerWorkspace: many,
      },
    };
    const rows = wanted("api") ? await apiBenchmark(config, log) : [];
    const figures: QueueFigure[] = [];
    if (wanted("queue")) figures.push(...(await queueBenchmark(config, log)));
    if (wanted("upload")) figures.push(...(await uploadBenchmark(config, log)));
    if (wanted("chat")) figures.push(...(await chatBenchmark(config, log)));
    process.stdout.write(`${table(rows)}\n\n${figureTable(figures)}\n`);
    const file = path.resolve(import.meta.dirname, "results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    await writeFile(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, rows, figures }, null, 2)}\n`,
    );
    process.stdout.write(`saved ${path.relative(process.cwd(), file)}\n`);
  } finally {
    await stack.stop();
  }
}

main().catch(exitWithError);
