import type { PublicJob } from "../../shared/jobs/view.js";
import { UsageError } from "../errors.js";
import type { FlagValue } from "../args.js";
import type { Api } from "../client.js";
import type { Progress } from "../progress.js";
import type { Command } from "../spec/index.js";

/** What every API command gets: the typed client, the progress display and how to print. */
export interface CliContext {
  api: Api;
  /** Where the API is reached. */
  apiUrl: string;
  progress: Progress;
  /** The folder the person typed the command in, which a default file name is made from. */
  dir: string;
  json: boolean;
  pollMs: number;
  /** One line of the human output on stdout. */
  out(line: string): void;
  /** The machine-readable result, printed once as JSON on stdout with --json. */
  result(value: unknown): void;
}

/** A command's line as the parser read it: its table entry, its flags by name and its arguments. */
export interface Args {
  command: Command;
  values: Record<string, FlagValue>;
  positionals: string[];
}

export const str = (a: Args, name: string) => a.values[name] as string | undefined;
export const num = (a: Args, name: string) => a.values[name] as number | undefined;
export const bool = (a: Args, name: string) => a.values[name] === true;

/** --no-wait returns before there is anything to save, so it cannot go with --out; said before anything is done. */
export function waitingFlags(a: Args): void {
  if (bool(a, "no-wait") && str(a, "out") !== undefined)
    throw new UsageError("--out saves the result, which --no-wait does not wait for: use one of them");
}

/** A finished job in a few lines: its status, then each file with its download link. */
export function describeJob(ctx: CliContext, job: PublicJob): void {
  if (ctx.json) {
    ctx.result(job);
    return;
  }
  const took =
    job.startedAt && job.finishedAt ? ` in ${((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000).toFixed(1)} s` : "";
  ctx.out(`${job.type} ${job.jobId} ${job.status}${took}${job.error ? `: ${job.error.message}` : ""}`);
  // A describe's answer is text: its prompts, numbered as one would pick one, and the aspect ratio.
  for (const [i, prompt] of (job.prompts ?? []).entries()) ctx.out(`  ${i + 1}. ${prompt}`);
  if (job.prompts && job.aspectRatio) ctx.out(`  aspect ratio ${job.aspectRatio}`);
  for (const f of job.files) ctx.out(`  v${f.version} ${f.fileName}  ${f.url}`);
}
