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
