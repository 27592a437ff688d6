import { speakerNameMap } from "./speaker-names.js";
import type { DeliveryStatus } from "../chat/delivery-status.js";
import type { JobDocument, JobError, PromptsVersion } from "../db/mongo/job-schema.js";
import type { LinkFactory } from "../links/factory.js";
import { jobFiles } from "./files.js";

/**
 * A job as the API shows it. Stored URLs point into the private bucket and would only answer
 * 403, so every URL field is replaced by a signed short link; dates are ISO strings.
 */
export function toPublicJob(job: JobDocument, link: LinkFactory, delivery: DeliveryStatus | null = null) {
  const files = jobFiles(job).map((f) => ({
    fileName: f.fileName,
    version: f.version,
    kind: f.kind,
    contentType: f.contentType,
    sizeBytes: f.sizeBytes,
    url: link(job.jobId, f.fileName, f.version),
  }));
  const lastImageVersion = job.versions.findLastIndex((v) => "images" in v);
  const versions = job.versions.map((v, index) => {
    const version = typeof v.version === "number" ? v.version : index + 1;
    if ("images" in v) {
      // Absent fields are left out, as JSON carries them: the type is the same on both ends of the API.
      const { seed, createdAt, ...rest } = v;
      return {
        ...rest,
        version,
        // Always a string: a seed can pass 2^53, which a JSON number does not keep.
        ...(seed === undefined ? {} : { seed: String(seed) }),
        ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
        images: v.images.map((img, i) => ({
          ...img,
          url: link(job.jobId, img.s3Key.split("/").pop() ?? "", version),
          // A 384 px WebP of the picture, for chat and lists; only the latest version has them.
          ...(index === lastImageVersion ? { thumbnailUrl: link(job.jobId, `thumbnail_${i + 1}.webp`) } : {}),
        })),
      };
    }
    if ("prompts" in v) {
      const { createdAt, ...rest } = v;
      return { ...rest, version, ...(createdAt ? { createdAt: createdAt.toISOString() } : {}) };
    }
    if ("video" in v) {
      const { createdAt, ...rest } = v;
      const name = (key: string) => key.split("/").pop() ?? "";
      return {
        ...rest,
        version,
        ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
        video: { ...v.video, url: link(job.jobId, name(v.video.s3Key), version) },
        posterUrl: v.posterKey ? link(job.jobId, name(v.posterKey), version) : null,
        previewUrl: v.previewKey ? link(job.jobId, name(v.previewKey), version) : null,
      };
    }
    if ("modelUrl" in v) {
      const { createdAt, ...rest } = v;
      return {
        ...rest,
        version,
        ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
        modelUrl: link(job.jobId, "model.safetensors", version),
      };
    }
    const { createdAt, ...rest } = v;
    return {
      ...rest,
      version,
      ...(createdAt ? { createdAt: createdAt.toISOString() } : {}),
      transcriptUrl: link(job.jobId, "transcript.json", version),
      textUrl: link(job.jobId, "transcript.txt", version),
    };
  });
  const described = job.versions.findLast((v) => "prompts" in v) as PromptsVersion | undefined;
  const error: JobError | null = typeof job.error === "string" ? { message: job.error } : (job.error ?? null);
  return {
    jobId: job.jobId,
    type: job.type,
    status: job.status,
    userId: job.userId,
    workspaceId: job.workspaceId ?? null,
    visibility: job.visibility ?? "workspace",
    input: job.input ?? {},
    /** An upscale, variation, edit or animate: the job and picture it was made from (an extend: the clip's job, `image` its clip's number); null otherwise. */
    parent: job.parentJobId ? { jobId: job.parentJobId, image: job.parentImage ?? 1, prompt: job.sourcePrompt ?? null } : null,
    /** A blend or a generation with references: the pictures of our jobs it was made from; empty otherwise. */
    sources: job.sources ?? [],
    /** A transcription's speakers as the team named them (jobs.renameSpeakers), by their label in the transcript; empty otherwise. */
    speakerNames: speakerNameMap(job.speakerNames),
    /** A describe: the prompts that would make its picture, and the aspect ratio the model saw; null for every other job. */
    prompts: described?.prompts ?? null,
    aspectRatio: described?.aspectRatio ?? null,
    progress: job.progress ?? null,
    /** The provider's estimated cost of its versions so far (shared/pricing.ts); null for jobs stored before it was kept. */
    costUsd: job.usage?.costUsd ?? null,
    provider: job.provider
      ? { name: job.provider.name, queuePosition: job.provider.queuePosition ?? null, logs: job.provider.logs ?? [] }
      : null,
    error,
    versions,
    files,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    /** A chat job's result: sent, retrying or undeliverable, and why (jobs.get and jobs.list fill it in). */
    delivery,
  };
}

export type PublicJob = ReturnType<typeof toPublicJob>;
