import type { PublicJob } from "../../shared/jobs/view.js";

/**
 * The stored object a transcript's page may play. A job asked to redact personal data plays its
 * beeped copy (redacted-audio.mp3) or nothing: the original upload still holds what was redacted.
 */
export function playableAudioKey(job: PublicJob): string | undefined {
  const versions = job.versions.map((v) => v as { redactedPii?: boolean; s3Keys?: { redactedAudio?: string } });
  const redacted = job.input.redactPii === true || versions.some((v) => v.redactedPii === true || v.s3Keys?.redactedAudio);
  if (redacted) return versions.findLast((v) => v.s3Keys?.redactedAudio)?.s3Keys?.redactedAudio;
  return typeof job.input.uploadKey === "string" ? job.input.uploadKey : undefined;
}
