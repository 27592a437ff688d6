import type { z } from "zod";
import { presignDownload } from "../../../../shared/storage/presign.js";
import { findJobFile } from "../../../../shared/jobs/files.js";
import { JobsError } from "../../../../jobs/errors.js";
import { loadVisibleJob } from "../../../../jobs/read.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import { readsWithNames } from "../../../links/named-speakers.js";
import type { AuthedContext } from "../../context.js";
import type { downloadUrlInput } from "./schemas.js";

/** A presigned GET for one file of a visible job, saved under its own name by browsers. */
export async function downloadUrlHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof downloadUrlInput> }) {
  const job = await loadVisibleJob(ctx, input.jobId);
  const file = findJobFile(job, input.file, input.version);
  if (!file) throw new JobsError("NOT_FOUND", `job ${job.jobId} has no file ${input.file}`);
  // A transcript whose speakers the team named is rendered with the names: the short link serves it so.
  if (readsWithNames(job, file.fileName)) {
    const expiresAt = new Date(Date.now() + ctx.deps.config.links.ttlDays * 86_400_000);
    const url = linkFactory(ctx.deps.config, ctx.baseUrl)(job.jobId, file.fileName, file.version);
    return { url, expiresAt: expiresAt.toISOString(), fileName: file.fileName, version: file.version };
  }
  const signed = await presignDownload(ctx.deps.storage, file.key, { expiresIn: input.expiresIn, fileName: file.fileName });
  return { url: signed.url, expiresAt: signed.expiresAt.toISOString(), fileName: file.fileName, version: file.version };
}
