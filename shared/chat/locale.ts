import type { JobType } from "../db/mongo/job-schema.js";

/** The languages chat messages are written in; a locale the bots get that is not one of them reads English. */
export const chatLocales = ["en", "de"] as const;
export type ChatLocale = (typeof chatLocales)[number];

/** A platform's locale tag (Discord's `de`, `en-US`; Slack's `de-DE`) as one of ours. */
export function chatLocaleOf(tag: string | null | undefined): ChatLocale {
  const language = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return (chatLocales as readonly string[]).includes(language ?? "") ? (language as ChatLocale) : "en";
}

/** What a job's message says, in one language. */
export interface JobReplyText {
  types: Record<JobType, string>;
  queued: string;
  nextInLine: string;
  ahead: (n: number) => string;
  atProvider: (position: number) => string;
  running: string;
  canceled: string;
  canceledBecause: (reason: string) => string;
  failed: (reason: string) => string;
  noReason: string;
  imagesReady: (n: number) => string;
  transcriptReady: string;
  loraTrained: (trigger: string) => string;
  done: string;
  of: (i: number, n: number) => string;
  fields: { seed: string; size: string; took: string; words: string; duration: string; version: string; model: string };
  buttons: {
    cancel: string;
    tryAgain: string;
    delete: string;
    share: string;
    dm: string;
    rerun: string;
    variations: string;
    remix: string;
    upscale: string;
    vary: string;
    subtle: string;
    edit: string;
  };
  job: string;
  private: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const jobReplyText: Record<ChatLocale, JobReplyText> = {
  en: {
    types: { "image-generation": "Image generation", transcription: "Transcription", "lora-training": "LoRA training" },
    queued: "Queued, waiting for a worker.",
    nextInLine: "Queued: next in line.",
    ahead: (n) => `Queued: ${plural(n, "job", "jobs")} ahead of yours.`,
    atProvider: (p) => `Waiting at the provider, position ${p} in line.`,
    running: "Running",
    canceled: "Canceled.",
    canceledBecause: (r) => `Canceled: ${r}.`,
    failed: (r) => `Failed: ${r}`,
    noReason: "the provider did not say why",
    imagesReady: (n) => `${plural(n, "image", "images")} ready.`,
    transcriptReady: "Transcript ready.",
    loraTrained: (t) => `LoRA trained. Use it with /generate lora:${t}.`,
    done: "Done.",
    of: (i, n) => `${i} of ${n}`,
    fields: { seed: "Seed", size: "Size", took: "Took", words: "Words", duration: "Duration", version: "Version", model: "Model" },
    buttons: {
      cancel: "Cancel",
      tryAgain: "Try again",
      delete: "Delete",
      share: "Share to channel",
      dm: "Send to DM",
      rerun: "Rerun, new seed",
      variations: "4 variations",
      remix: "Edit prompt & rerun",
      upscale: "Upscale",
      vary: "Vary",
      subtle: "Vary subtly",
      edit: "Edit",
    },
    job: "job",
    private: "private",
  },
  de: {
    types: { "image-generation": "Bildgenerierung", transcription: "Transkription", "lora-training": "LoRA-Training" },
    queued: "In der Warteschlange, wartet auf einen Worker.",
    nextInLine: "In der Warteschlange: als Nächstes dran.",
    ahead: (n) => `In der Warteschlange: ${plural(n, "Auftrag", "Aufträge")} vor deinem.`,
    atProvider: (p) => `Wartet beim Anbieter, Platz ${p} in der Schlange.`,
    running: "Läuft",
    canceled: "Abgebrochen.",
    canceledBecause: (r) => `Abgebrochen: ${r}.`,
    failed: (r) => `Fehlgeschlagen: ${r}`,
    noReason: "der Anbieter hat keinen Grund genannt",
    imagesReady: (n) => `${plural(n, "Bild", "Bilder")} fertig.`,
    transcriptReady: "Transkript fertig.",
    loraTrained: (t) => `LoRA trainiert. Nutze es mit /generate lora:${t}.`,
    done: "Fertig.",
    of: (i, n) => `${i} von ${n}`,
    fields: { seed: "Seed", size: "Größe", took: "Dauer", words: "Wörter", duration: "Länge", version: "Version", model: "Modell" },
    buttons: {
      cancel: "Abbrechen",
      tryAgain: "Erneut versuchen",
      delete: "Löschen",
      share: "Im Kanal teilen",
      dm: "Als DM senden",
      rerun: "Neu, anderer Seed",
      variations: "4 Varianten",
      remix: "Prompt ändern & neu",
      upscale: "Hochskalieren",
      vary: "Variieren",
      subtle: "Leicht variieren",
      edit: "Bearbeiten",
    },
    job: "Auftrag",
    private: "privat",
  },
};
