import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { cgCommand } from "../helpers/cli.js";
import { repoRoot } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";

/** Output past this means the progress display is redrawing in a loop; the run is stopped there. */
const RUNAWAY_BYTES = 1024 * 1024;

/**
 * Runs a shell line under `script`, on a pseudo-terminal of its own. Started this way (its input
 * not a terminal) `script` gives the pty no window size, so it reports 0 columns, as it did
 * when `generate` printed 1.37 GB of escape codes; `stty cols` first gives it a width.
 */
function underPty(line: string, env: Record<string, string>, timeoutMs: number) {
  const child = spawn("script", ["-qfec", line, "/dev/null"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let bytes = 0;
  const take = (d: Buffer) => {
    bytes += d.length;
    if (output.length < 64 * 1024) output += d.toString();
    if (bytes > RUNAWAY_BYTES) child.kill("SIGKILL");
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise<{ code: number | null; signal: string | null; bytes: number; output: string }>((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, bytes, output });
    }),
  );
}

describe("the CLI's progress on a terminal that cannot redraw it", () => {
  const w = useWorkingApi({ processingMs: 600 });
  const env = () => ({ API_URL: w.api.url, API_KEY: w.alice.key, TERM: "xterm-256color" });
  /** A generation that keeps the CLI waiting a few seconds, with progress to show. */
  const slowGenerate = `${cgCommand} generate a slow lighthouse --poll-ms 100`;

  it("on a pty reporting 0 columns, generate shows plain lines, a few KB in all, and ends with the result", async () => {
    w.fal.processingMs = 4000;
    try {
      const r = await underPty(slowGenerate, env(), 60_000);
      expect(r.signal, JSON.stringify(r.output.slice(0, 300))).toBeNull();
      expect(r.code, r.output.slice(-2000)).toBe(0);
      expect(r.bytes).toBeLessThan(8 * 1024);
      expect(r.output).not.toContain("\u001b[");
      expect(r.output).toMatch(/image-generation \S+: (queued|running|position)/);
      expect(r.output).toMatch(/image-generation \S+ completed/);
    } finally {
      w.fal.processingMs = 600;
    }
  }, 90_000);

  it("with TERM=dumb, plain lines too; with a real width and TERM it redraws (so the check above can fail)", async () => {
    w.fal.processingMs = 2500;
    try {
      const dumb = await underPty(`stty cols 100 rows 30; ${slowGenerate}`, { ...env(), TERM: "dumb" }, 60_000);
      expect(dumb.code, dumb.output.slice(-2000)).toBe(0);
      expect(dumb.output).not.toContain("\u001b[");
      expect(dumb.output).toMatch(/image-generation \S+ completed/);
      const fancy = await underPty(`stty cols 100 rows 30; ${slowGenerate}`, env(), 60_000);
      expect(fancy.code, fancy.output.slice(-2000)).toBe(0);
      expect(fancy.output).toContain("\u001b[");
      expect(fancy.output).toMatch(/image-generation \S+ completed/);
    } finally {
      w.fal.processingMs = 600;
    }
  }, 150_000);
});
