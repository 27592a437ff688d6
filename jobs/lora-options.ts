import type { JobsCall } from "./deps.js";
import { visibleJobsFilter } from "./principal.js";

/** How many LoRAs the gallery's LoRA filter and create bar offer: the newest finished ones. */
export const LORA_OPTIONS = 100;

/** The finished LoRAs the caller may use, newest first, as the gallery's choices name them: by trigger word. */
export async function loraOptions(call: JobsCall, limit = LORA_OPTIONS): Promise<Array<{ jobId: string; name: string }>> {
  const rows = await call.deps.jobs.triggerWords(
    { ...visibleJobsFilter(call.principal), type: "lora-training", status: "completed" },
    limit,
  );
  return rows.map((r) => ({ jobId: r.jobId, name: r.triggerWord ?? r.jobId }));
}

/** The LoRAs these jobs used, by training job id. */
export const lorasUsedBy = (jobs: ReadonlyArray<{ input?: Record<string, unknown> | null }>): string[] => [
  ...new Set(
    jobs.flatMap((j) => {
      const id = (j.input?.lora as { jobId?: unknown } | undefined)?.jobId;
      return typeof id === "string" ? [id] : [];
    }),
  ),
];

/**
 * The names (trigger words) of these LoRAs that the caller may see, by training job id: how a
 * tile's lightbox names the LoRA a picture used. One read by id; none when no job used a LoRA.
 */
export async function loraNames(call: JobsCall, jobIds: readonly string[]): Promise<Map<string, string>> {
  if (jobIds.length === 0) return new Map();
  const rows = await call.deps.jobs.triggerWords(
    { ...visibleJobsFilter(call.principal), _id: { $in: [...jobIds] }, type: "lora-training" },
    jobIds.length,
  );
  return new Map(rows.flatMap((r) => (r.triggerWord ? [[r.jobId, r.triggerWord] as const] : [])));
}
