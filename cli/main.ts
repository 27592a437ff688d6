#!/usr/bin/env node
import { CommandInputError } from "../shared/chat/input-error.js";
import { loadConfig } from "../shared/config.js";
import { describeFatal } from "../shared/fatal.js";
import { parseCommandLine } from "./args.js";
import { apiUrlOf } from "./api-url.js";
import { createApi, explainApiError } from "./client.js";
import { type CliContext, waitingFlags } from "./commands/context.js";
import { ApiError, UsageError } from "./errors.js";
import { helpFor } from "./help.js";
import { fromUserDir, userDir } from "./paths.js";
import { Progress } from "./progress.js";
import { runners } from "./runners.js";
import { commandName } from "./spec/index.js";

const print = (text: string) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);

/**
 * A reader that stops early (`cg assets images | head -1`) closes the pipe: the rest of the
 * output has nowhere to go, which is not a failure, so the command ends quietly.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}

/** SIGINT and SIGTERM stop the progress display (giving the cursor back) and end the command at once. */
function stopOnSignals(progress: Progress, after: string): void {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      progress.stop();
      process.stderr.write(`\nstopped (${signal})${after}\n`);
      process.exit(code);
    });
  }
}

async function main(argv: string[]): Promise<void> {
  const line = parseCommandLine(argv);
  if (line.kind === "help") return print(helpFor(line.topic));
  const { command, values, positionals, globals } = line;
  waitingFlags({ command, values, positionals });
  const runner = runners[commandName(command)];
  if (!runner) throw new Error(`no code behind the command ${commandName(command)}`);
  const progress = new Progress(globals.json);
  if ("alone" in runner) {
    stopOnSignals(progress, "");
    return runner.alone({ command, values, positionals }, print, globals.json);
  }
  stopOnSignals(progress, "; a job already made goes on: see cg jobs list");

  const config = loadConfig();
  const dir = userDir(config.cli.workingDir);
  const args = fromUserDir({ command, values, positionals }, dir);
  const url = (globals.apiUrl ?? apiUrlOf(config)).replace(/\/+$/, "");
  let api: CliContext["api"] | undefined;
  const ctx: CliContext = {
    // Made on first use, so a command line refused before any call does not need a key.
    get api() {
      api ??= createApi(url, command.keyless ? null : (globals.key ?? config.cli.apiKey), { actAs: globals.as });
      return api;
    },
    apiUrl: url,
    progress,
    dir,
    json: globals.json,
    pollMs: globals.pollMs ?? 1000,
    out: (text) => print(text),
    result: (value) => print(JSON.stringify(value, null, 2)),
  };
  try {
    await runner.api(ctx, args);
  } catch (err) {
    progress.stop();
    throw explainApiError(err, url, globals.as);
  }
}

/** A failure of the system under a command (a folder it may not write, a full disk, a refused connection): its message says it all. */
const isSystemError = (err: unknown): err is NodeJS.ErrnoException =>
  err instanceof Error &&
  typeof (err as NodeJS.ErrnoException).code === "string" &&
  /^E[A-Z]+$/.test(String((err as NodeJS.ErrnoException).code));

/** One line on stderr for anything a person can act on; exit 2 for a wrong command line, 1 for the rest. */
function fail(err: unknown): never {
  const known = err instanceof UsageError || err instanceof ApiError || err instanceof CommandInputError || isSystemError(err);
  process.stderr.write(`error: ${known ? err.message : describeFatal(err)}\n`);
  process.exit(err instanceof UsageError ? 2 : 1);
}

main(process.argv.slice(2)).catch(fail);
