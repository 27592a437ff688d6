import type { PublicJob } from "./view.js";

/**
 * What a job is doing now, in one line: why it failed, its place at the provider, or the
 * provider's last log line while it runs. Shared by the gallery's page and its script, so a
 * live update reads like a fresh page; it imports nothing, so the browser bundle stays small.
 */
export function statusDetail(job: Pick<PublicJob, "status" | "error" | "provider">): string {
  if (job.error) return job.error.message;
  if (job.status === "completed" || job.status === "failed" || job.status === "canceled") return "";
  if (job.provider?.queuePosition != null) return `position ${job.provider.queuePosition} at the provider`;
  return job.provider?.logs.at(-1) ?? "";
}
