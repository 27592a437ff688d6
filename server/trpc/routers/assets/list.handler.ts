import type { z } from "zod";
import type { JobDocument, JobType } from "../../../../shared/db/mongo/job-schema.js";
import { type AssetKind, jobFiles } from "../../../../shared/jobs/files.js";
import { listJobs } from "../../../../jobs/list.js";
import { type LinkFactory, linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";
import type { listAssetsInput } from "./schemas.js";

export const jobTypeOfKind: Record<AssetKind, JobType> = {
  loras: "lora-training",
  images: "image-generation",
  transcripts: "transcription",
  videos: "video-generation",
};

/** One entry per file; a job's files stay on one page, so `limit` counts jobs. */
export function assetEntries(job: JobDocument, link: LinkFactory) {
  return jobFiles(job).map((f) => ({
    jobId: job.jobId,
    userId: job.userId,
    kind: f.kind,
    version: f.version,
    fileName: f.fileName,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    width: f.width ?? null,
    height: f.height ?? null,
    wordCount: f.wordCount ?? null,
    duration: f.duration ?? null,
    prompt: typeof job.input?.prompt === "string" ? job.input.prompt : null,
    createdAt: job.createdAt.toISOString(),
    url: link(job.jobId, f.fileName, f.version),
  }));
}

export async function listAssetsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listAssetsInput> }) {
  const page = await listJobs(ctx, {
    userId: input.userId,
    type: jobTypeOfKind[input.kind],
    status: "completed",
    limit: input.limit,
    cursor: input.cursor,
  });
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  return { items: page.items.flatMap((j) => assetEntries(j, link)), nextCursor: page.nextCursor };
}
