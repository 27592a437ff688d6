import { CommandInputError } from "../chat/input-error.js";

/** The one call a LoRA lookup makes, as the typed API client (the bots', the CLI's) has it. */
export interface LoraLister {
  jobs: {
    list: {
      query(input: { type: "lora-training"; status: "completed"; limit: number }): Promise<{
        items: Array<{ jobId: string; input: Record<string, unknown>; versions: Array<{ version: number }> }>;
      }>;
    };
  };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The completed LoRAs the caller may use, newest first, each with its trigger word. */
export async function usableLoras(api: LoraLister): Promise<Array<{ jobId: string; trigger: string; version: number }>> {
  const page = await api.jobs.list.query({ type: "lora-training", status: "completed", limit: 100 });
  return page.items.map((job) => ({
    jobId: job.jobId,
    trigger: String(job.input.triggerWord ?? job.jobId),
    version: job.versions.at(-1)?.version ?? 1,
  }));
}

/** A LoRA named by its training job's id (what autocomplete sends) or by its trigger word (what people type). */
export async function resolveLora(api: LoraLister, value: string): Promise<string> {
  if (uuidPattern.test(value)) return value;
  const match = (await usableLoras(api)).find((l) => l.trigger.toLowerCase() === value.toLowerCase());
  if (!match) throw new CommandInputError((t) => t.noSuchLora(value));
  return match.jobId;
}
