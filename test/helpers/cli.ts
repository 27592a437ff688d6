import { spawn } from "node:child_process";
import { type Spawned, repoRoot, runEntry } from "./processes.js";

/** The CLI as a shell line runs it (this Node, with tsx), for pipes and `script`. */
export const cgCommand = `'${process.execPath}' --import tsx cli/main.ts`;

/** Runs the CLI with `args` and `env` (with only PATH and HOME of the test's own); resolves when it ends. */
export async function runCli(args: string[], env: Record<string, string | undefined>) {
  const run = runEntry("cli/main.ts", { LOG_LEVEL: "silent", ...env }, args);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** Runs a shell line in the repository, where `cg` stands for the CLI. */
export function runShell(line: string, env: Record<string, string | undefined>): Spawned {
  const child = spawn("bash", ["-c", `cg() { ${cgCommand} "$@"; }\n${line}`], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}
