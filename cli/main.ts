#!/usr/bin/env node
import { loadConfig } from "../shared/config.js";
import { exitWithError } from "../shared/fatal.js";
import { admin, adminUsage } from "./admin.js";
import { UsageError, createApi, explainApiError } from "./client.js";
import { assets } from "./commands/assets.js";
import type { CliContext } from "./commands/context.js";
import { download } from "./commands/download.js";
import { generate } from "./commands/generate.js";
import { jobs } from "./commands/jobs.js";
import { loginLink } from "./commands/login-link.js";
import { train } from "./commands/train.js";
import { transcribe } from "./commands/transcribe.js";
import { Progress } from "./progress.js";
import { sessions, sessionsUsage } from "./sessions.js";
import { thumbnails, thumbnailsUsage } from "./thumbnails.js";

const usage = `usage: npm run cli -- <command> [--json] [--api-url <url>] [--key <api key>]
Through the API (API_URL, default this machine's PORT; API_KEY):
  generate <prompt> [--size <preset> | --width n --height n] [--count n] [--seed n] [--lora <jobId>] [--out <dir>] [--no-wait]
  transcribe <audio/video file | URL> [--speakers] [--language en] [--out <dir>] [--no-wait]
  train <images.zip | video | folder of images> --trigger <word> [--steps n] [--mode subject|style] [--out <dir>] [--no-wait]
  jobs [list] [--type t] [--status s] [--user id] [--limit n] | jobs get|wait|cancel|delete|rerun <jobId>
  assets loras|images|transcripts [--user id] | assets search <words> | assets stats [--workspace]
  download <jobId> [--file <name>] [--version n] [--out <dir>]
  login-link                                                       a one-time sign-in link to the web gallery (/app)
On the databases (DATABASE_URL, MONGODB_URL):
${adminUsage}
${thumbnailsUsage}
${sessionsUsage}
--json prints one JSON document on stdout and no progress; without it, progress goes to stderr.`;

const commands: Record<string, (ctx: CliContext, args: string[]) => Promise<void>> = {
  generate,
  transcribe,
  train,
  jobs,
  assets,
  download,
  "login-link": loginLink,
};

/** Takes the options every API command shares out of argv, wherever they appear. */
function globals(argv: string[]) {
  const rest: string[] = [];
  const g: { json: boolean; help: boolean; apiUrl?: string; key?: string; pollMs?: string } = { json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.startsWith("--") ? (arg.split(/=(.*)/s, 2) as [string, string | undefined]) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--json") g.json = true;
    else if (flag === "--help" || flag === "-h") g.help = true;
    else if (flag === "--api-url") g.apiUrl = value();
    else if (flag === "--key") g.key = value();
    else if (flag === "--poll-ms") g.pollMs = value();
    else rest.push(arg);
  }
  return { g, rest };
}

async function main(argv: string[]) {
  const { g, rest } = globals(argv);
  const [command, ...args] = rest;
  if (g.help || !command) return void process.stdout.write(`${usage}\n`);
  if (command === "keys" || (command === "jobs" && args[0] === "adopt")) return admin(rest);
  if (command === "thumbnails") return thumbnails(args);
  if (command === "sessions") return sessions(args, g.json);
  const run = commands[command];
  if (!run) throw new UsageError(`unknown command: ${command}\n${usage}`);

  const config = loadConfig();
  const url = (g.apiUrl ?? config.cli.apiUrl).replace(/\/+$/, "");
  const progress = new Progress(g.json);
  const ctx: CliContext = {
    api: createApi(url, g.key ?? config.cli.apiKey),
    progress,
    json: g.json,
    pollMs: Number(g.pollMs ?? 1000),
    out: (line) => void process.stdout.write(`${line}\n`),
    result: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
  };
  try {
    await run(ctx, args);
  } catch (err) {
    progress.stop();
    throw explainApiError(err, url);
  }
}

main(process.argv.slice(2)).catch(exitWithError);
