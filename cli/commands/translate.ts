import { setTimeout as sleep } from "node:timers/promises";
import type { PublicJob } from "../../shared/jobs/view.js";
import { type Args, type CliContext, bool } from "./context.js";

/** How long `translate` waits for the files before it leaves the translation to finish on its own. */
const WAIT_MS = 10 * 60_000;

/**
 * `translate <jobId> <language>`: a finished transcription translated into one more language
 * (jobs.translate); waits until transcript.<language>.txt, .srt and .vtt are among the job's
 * files and prints their links, unless --no-wait.
 */
export async function translate(ctx: CliContext, a: Args): Promise<void> {
  const [jobId = "", raw = ""] = a.positionals;
  const language = raw.toLowerCase();
  const queued = await ctx.api.jobs.translate.mutate({ jobId, language });
  if (bool(a, "no-wait")) return ctx.json ? ctx.result(queued) : ctx.out(`${jobId} is being translated into ${language}`);
  const names = ["txt", "srt", "vtt"].map((ext) => `transcript.${language}.${ext}`);
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const job = (await ctx.api.jobs.get.query({ jobId })) as PublicJob;
    const files = job.files.filter((f) => names.includes(f.fileName));
    if (files.length === names.length) {
      if (ctx.json) return ctx.result({ ...queued, files });
      ctx.out(`${jobId} translated into ${language}`);
      for (const f of files) ctx.out(`  v${f.version} ${f.fileName}  ${f.url}`);
      return;
    }
    await sleep(ctx.pollMs);
  }
  ctx.out(`${jobId} is still being translated into ${language}: see cg jobs get ${jobId}`);
}
