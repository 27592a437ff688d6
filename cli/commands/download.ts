import { mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import type { PublicJob } from "../../shared/jobs/view.js";
import { UsageError } from "../client.js";
import { downloadTo } from "../transfer.js";
import type { CliContext } from "./context.js";

/**
 * Streams a job's files to disk, each through a fresh presigned URL. Without a version, the
 * latest version's files; names are the API's own plain file names, so none can leave `out`.
 */
export async function downloadJobFiles(
  ctx: CliContext,
  job: PublicJob,
  opts: { out: string; file?: string | undefined; version?: number | undefined },
): Promise<string[]> {
  const latest = Math.max(0, ...job.files.map((f) => f.version));
  const version = opts.version ?? latest;
  const files = job.files.filter((f) => f.version === version && (!opts.file || f.fileName === opts.file));
  if (files.length === 0) {
    throw new UsageError(
      `job ${job.jobId} has no ${opts.file ?? "files"}${opts.version ? ` in version ${opts.version}` : ""} (status ${job.status})`,
    );
  }
  await mkdir(opts.out, { recursive: true });
  const saved: string[] = [];
  for (const f of files) {
    const { url } = await ctx.api.assets.downloadUrl.query({ jobId: job.jobId, file: f.fileName, version: f.version, expiresIn: 300 });
    const dest = path.join(opts.out, path.basename(f.fileName));
    const bytes = await downloadTo(url, dest, ctx.progress, f.fileName);
    ctx.progress.done(`${f.fileName} ${bytes} bytes`);
    saved.push(dest);
  }
  return saved;
}

export async function download(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: "string" }, version: { type: "string" }, out: { type: "string", short: "o" } },
  });
  const jobId = positionals[0];
  if (!jobId) throw new UsageError("usage: download <jobId> [--file <name>] [--version <n>] [--out <dir>]");
  const version = values.version === undefined ? undefined : Number(values.version);
  if (version !== undefined && !(Number.isInteger(version) && version > 0))
    throw new UsageError("--version must be a positive whole number");
  const job = (await ctx.api.jobs.get.query({ jobId })) as PublicJob;
  const saved = await downloadJobFiles(ctx, job, { out: values.out ?? jobId, file: values.file, version });
  if (ctx.json) return ctx.result({ jobId, files: saved.map((f) => path.resolve(f)) });
  for (const f of saved) ctx.out(f);
}
