import type { PublicJob } from "./view.js";

/** The provider's line in English; the gallery passes its viewer's language (`{n}`: the place in line). */
const english = { nextInLine: "next in line at the provider", inLine: "number {n} in line at the provider" };

/**
 * What a job is doing now, in one line: why it failed, its place at the provider, or the
 * provider's last log line while it runs. Shared by the gallery's page and its script, so a
 * live update reads like a fresh page; it imports nothing, so the browser bundle stays small.
 */
export function statusDetail(
  job: Pick<PublicJob, "status" | "error" | "provider">,
  words: { nextInLine: string; inLine: string } = english,
): string {
  if (job.error) return job.error.message;
  if (job.status === "completed" || job.status === "failed" || job.status === "canceled") return "";
  // fal counts its queue from 0, the request that runs next; people count from 1.
  const position = job.provider?.queuePosition;
  if (position != null) return position <= 0 ? words.nextInLine : words.inLine.replace("{n}", String(position + 1));
  return job.provider?.logs.at(-1) ?? "";
}
