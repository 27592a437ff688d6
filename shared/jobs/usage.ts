import type { JobType, JobVersion } from "../db/mongo/job-schema.js";
import { PRICES, imageCost, transcriptionCost, translationCost, videoCost } from "../pricing.js";
import { jobFiles } from "./files.js";

/** What one version of a job holds and cost: its files, their bytes, and the provider's charge. */
export interface Usage {
  files: number;
  bytes: number;
  costUsd: number;
}

const noUsage: Usage = { files: 0, bytes: 0, costUsd: 0 };

/** The provider's estimated charge for one version (the price table in pricing.ts). */
function versionCost(v: JobVersion): number {
  if ("images" in v) return v.images.reduce((sum, img) => sum + imageCost(img.width, img.height, v.endpoint), 0);
  if ("modelUrl" in v) return PRICES.loraTrainingRun.usd * (v.trainingRuns ?? 1);
  if ("prompts" in v) return v.costUsd;
  if ("video" in v) return videoCost(v.endpoint, v.billedSeconds, v.resolution);
  const later = Object.values(v.s3Keys?.translations ?? {}).filter((t) => t.addedLater).length;
  return (
    transcriptionCost(v.duration, { speechModel: v.speechModel, speakerLabels: v.withSpeakerLabels, addOns: v.addOns }) +
    later * translationCost(v.duration)
  );
}

/** The job type a version belongs to, from its shape. */
export function typeOfVersion(v: JobVersion): JobType {
  if ("images" in v || "prompts" in v) return "image-generation";
  if ("modelUrl" in v) return "lora-training";
  if ("video" in v) return "video-generation";
  return "transcription";
}

/**
 * One version's usage, counted the way a job's files are listed (jobFiles): written on the job
 * with the version (JobsRepository.pushVersion), so assets.stats sums stored figures instead of
 * reading every job's versions. Transcript files carry no size of their own; the version's total does.
 */
export function versionUsage(type: JobType, v: JobVersion): Usage {
  // Only the count and sizes are read: the keys jobFiles builds for a legacy version need some ids.
  const files = jobFiles({ jobId: "job", userId: "user", type, versions: [v] });
  const transcriptBytes = "wordCount" in v ? (v.sizeBytes ?? 0) + translatedBytes(v.s3Keys?.translations) : 0;
  const bytes = files.reduce((sum, f) => sum + (f.sizeBytes ?? 0), 0) + transcriptBytes;
  return { files: files.length, bytes, costUsd: versionCost(v) };
}

/** The bytes of the translations added to a finished transcript (those made with it are in its sizeBytes). */
const translatedBytes = (translations: Record<string, { sizeBytes?: number | undefined }> | undefined) =>
  Object.values(translations ?? {}).reduce((sum, t) => sum + (t.sizeBytes ?? 0), 0);

/** A whole job's usage, for documents written before usage was stored on them. */
export function jobUsage(job: { type: JobType; versions: JobVersion[] }): Usage {
  return job.versions.reduce<Usage>((t, v) => {
    const u = versionUsage(job.type, v);
    return { files: t.files + u.files, bytes: t.bytes + u.bytes, costUsd: t.costUsd + u.costUsd };
  }, noUsage);
}
