import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PublicJob } from "../../shared/jobs/view.js";
import { ApiError, UsageError } from "../errors.js";
import { downloadTo } from "../transfer.js";
import { type Args, type CliContext, num, str } from "./context.js";

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
    throw new ApiError(
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

/** `download <jobId>`: a job's files into a folder (the job's id by default). */
export async function download(ctx: CliContext, a: Args): Promise<void> {
  const jobId = a.positionals[0] as string;
  const version = num(a, "version");
  if (version !== undefined && version < 1) throw new UsageError("--version must be 1 or more");
  const job = (await ctx.api.jobs.get.query({ jobId })) as PublicJob;
  const saved = await downloadJobFiles(ctx, job, { out: str(a, "out") ?? path.join(ctx.dir, jobId), file: str(a, "file"), version });
  if (ctx.json) return ctx.result({ jobId, files: saved });
  for (const f of saved) ctx.out(f);
}
