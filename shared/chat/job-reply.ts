import { imageEndpointName } from "../jobs/image-endpoints.js";
import type { PublicJob } from "../jobs/view.js";
import { type JobReplyText, jobReplyText } from "./locale/job-messages.js";
import type { ChatLocale, Localized } from "./locale/languages.js";
import { type ChatReply, type ReplyButton, formatBytes, progressBar, truncate } from "./reply.js";

/** Custom ids of the buttons on job messages; the bots parse them back with `parseJobButton`. */
export const jobActions = ["rerun", "variations", "remix", "retry", "share", "dm", "delete", "cancel"] as const;
export type JobAction = (typeof jobActions)[number];
/** Buttons that act on one picture of an image result: upscale it, vary it strongly or subtly, edit it by an instruction (asked in a modal). */
export const pictureActions = ["upscale", "vary", "subtle", "edit"] as const;
export type PictureAction = (typeof pictureActions)[number];

export function jobButton(action: JobAction, jobId: string): string {
  return `job:${action}:${jobId}`;
}

export function pictureButton(action: PictureAction, jobId: string, image: number): string {
  return `job:${action}:${jobId}:${image}`;
}

export type ParsedJobButton = { action: JobAction; jobId: string } | { action: PictureAction; jobId: string; image: number };

export function parseJobButton(id: string): ParsedJobButton | undefined {
  const [kind, action, jobId, image] = id.split(":");
  if (kind !== "job" || !jobId) return undefined;
  if ((jobActions as readonly string[]).includes(action ?? "") && image === undefined) return { action: action as JobAction, jobId };
  const n = Number(image);
  if ((pictureActions as readonly string[]).includes(action ?? "") && Number.isInteger(n) && n >= 1 && n <= 4)
    return { action: action as PictureAction, jobId, image: n };
  return undefined;
}

/** What an image job did: generate from a prompt, or upscale, vary or edit a picture. */
function operationOf(job: PublicJob): string {
  const op = (job.input as Record<string, unknown>).operation;
  return typeof op === "string" ? op : "generate";
}

/** The generate form's modal: `generate` (from /generate with no prompt; `:private` for a private result) or `remix:<jobId>`. */
export function parseGenerateModalId(id: string): { remixOf?: string; private: boolean } | undefined {
  if (id === "generate" || id === "generate:private") return { private: id.endsWith(":private") };
  const m = /^remix:([^:]{1,64})$/.exec(id);
  return m ? { remixOf: m[1] as string, private: false } : undefined;
}

/** The modal an Edit button opens, and its submit: `edit:<jobId>:<image>`, the instruction in its one input. */
export const EDIT_INSTRUCTION_INPUT = "instruction";

export function editModalId(jobId: string, image: number): string {
  return `edit:${jobId}:${image}`;
}

export function parseEditModalId(id: string): { jobId: string; image: number } | undefined {
  const m = /^edit:([^:]{1,64}):([1-4])$/.exec(id);
  return m ? { jobId: m[1] as string, image: Number(m[2]) } : undefined;
}

/**
 * A row per kind of action on the pictures, a button per picture (one row for a single picture):
 * an upscale is not upscaled again, nor rerun with a new seed, which it does not take.
 */
function pictureRows(job: PublicJob, count: number, t: JobReplyText): ReplyButton[] {
  const upscaled = operationOf(job) === "upscale";
  const kinds: Array<[PictureAction, string]> = [
    ...(upscaled ? [] : [["upscale", t.buttons.upscale] as [PictureAction, string]]),
    ["vary", t.buttons.vary],
    ["subtle", t.buttons.subtle],
    ["edit", t.buttons.edit],
  ];
  if (count === 1) return kinds.map(([action, label]) => ({ id: pictureButton(action, job.jobId, 1), label, row: 0 }));
  return kinds.flatMap(([action, label], row) =>
    Array.from({ length: count }, (_, i) => ({ id: pictureButton(action, job.jobId, i + 1), label: `${label} ${i + 1}`, row })),
  );
}

/** A picture operation's result is titled by what it did; an operation not listed here (generate) by its job's type. */
const operationTitles: Record<string, Localized> = {
  upscale: { en: "Upscale", de: "Hochskalierung", fr: "Agrandissement" },
  vary: { en: "Variation", de: "Variante", fr: "Variante" },
  edit: { en: "Edit", de: "Bearbeitung", fr: "Retouche" },
};

function kindOf(job: PublicJob, t: JobReplyText, locale: ChatLocale): string {
  return operationTitles[operationOf(job)]?.[locale] ?? t.types[job.type];
}

function subject(job: PublicJob, t: JobReplyText): string {
  const input = job.input as Record<string, unknown>;
  if (typeof input.prompt === "string") return truncate(input.prompt, 200);
  // An upscale or a variation without a prompt of its own is of its source's picture.
  if (job.parent?.prompt) return truncate(job.parent.prompt, 200);
  if (typeof input.triggerWord === "string") return input.triggerWord;
  return t.types[job.type];
}

function seconds(from: string | null, to: string | null): string | undefined {
  if (!from || !to) return undefined;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return s < 90 ? `${s.toFixed(1)} s` : `${Math.round(s / 60)} min`;
}

/** The message for a job in its current state: progress while it runs, the result when done. */
export function jobReply(
  job: PublicJob,
  opts: { requester?: string | undefined; queuedAhead?: number | undefined; locale?: ChatLocale | undefined } = {},
): ChatReply {
  const locale = opts.locale ?? "en";
  const t = jobReplyText[locale];
  return {
    ...replyFor(job, t, locale, opts.queuedAhead),
    ...(opts.requester ? { requester: opts.requester, requesterLabel: t.requesterLabel } : {}),
  };
}

/** A tqdm progress bar, as fal's logs show a model's steps: the percentage already shows it. */
const TQDM = /\d{1,3}%\|/;

/** The provider's latest log line worth reading beside the progress bar, if any. */
function latestLog(job: PublicJob): string | undefined {
  const line = [...(job.provider?.logs ?? [])].reverse().find((l) => l.trim() && !TQDM.test(l));
  return line ? truncate(line.trim(), 100) : undefined;
}

function replyFor(job: PublicJob, t: JobReplyText, locale: ChatLocale, queuedAhead?: number): ChatReply {
  const title = `${kindOf(job, t, locale)}: ${subject(job, t)}`;
  const footer = `${t.job} ${job.jobId}${job.visibility === "private" ? ` · ${t.private}` : ""}`;
  const cancel: ReplyButton = { id: jobButton("cancel", job.jobId), label: t.buttons.cancel, style: "danger" };

  if (job.status === "queued" || job.status === "running") {
    const lines: string[] = [];
    const position = job.provider?.queuePosition;
    if (job.status === "queued") {
      lines.push(queuedAhead === undefined ? t.queued : queuedAhead === 0 ? t.nextInLine : t.ahead(queuedAhead));
    } else if (typeof position === "number") {
      lines.push(t.atProvider(position + 1));
    } else {
      const log = latestLog(job);
      lines.push(`${t.running} ${progressBar(job.progress ?? 0)}${log ? ` · ${log}` : ""}`);
    }
    return { title, tone: "progress", lines, buttons: [cancel], footer };
  }
  if (job.status === "canceled") {
    return { title, tone: "info", lines: [job.error?.message ? t.canceledBecause(job.error.message) : t.canceled], footer };
  }
  if (job.status === "failed") {
    const lines = [t.failed(job.error?.message ?? t.noReason)];
    // The same input again, whatever the type: a seed or a count would be refused for a transcript or a training.
    const buttons = [{ id: jobButton("retry", job.jobId), label: t.buttons.tryAgain }];
    return { title, tone: "error", lines, buttons, footer };
  }
  return { ...completed(job, t), title, footer };
}

function completed(job: PublicJob, t: JobReplyText): Omit<ChatReply, "title"> {
  const took = seconds(job.startedAt ?? job.createdAt, job.finishedAt);
  const latest = job.versions.at(-1);
  const version = latest?.version;
  const files = job.files.filter((f) => f.version === version);
  const links = files.map((f) => ({ label: `${f.fileName}${f.sizeBytes ? ` (${formatBytes(f.sizeBytes)})` : ""}`, url: f.url }));
  const del: ReplyButton = { id: jobButton("delete", job.jobId), label: t.buttons.delete, style: "danger" };
  // A private result can be shared with the channel by its owner; a shared one sent to anyone's DMs.
  const pass: ReplyButton =
    job.visibility === "private"
      ? { id: jobButton("share", job.jobId), label: t.buttons.share }
      : { id: jobButton("dm", job.jobId), label: t.buttons.dm };
  const fields: Array<{ name: string; value: string }> = [];
  if (took) fields.push({ name: t.fields.took, value: took });

  if (latest && "images" in latest) {
    if (latest.seed !== undefined) fields.unshift({ name: t.fields.seed, value: latest.seed });
    const first = latest.images[0];
    if (first) fields.push({ name: t.fields.size, value: `${first.width}×${first.height}` });
    if (latest.endpoint) fields.push({ name: t.fields.model, value: imageEndpointName(latest.endpoint) });
    return {
      tone: "success",
      lines: [t.imagesReady(latest.images.length)],
      fields,
      // Alt text from the prompt, as a screen reader should read the picture.
      images: latest.images.map((img, i) => ({
        url: img.url,
        alt: truncate(`${subject(job, t)} (${t.of(i + 1, latest.images.length)})`, 200),
      })),
      links,
      buttons: [
        ...pictureRows(job, latest.images.length, t),
        // An upscale has no seed to change: it is made again only by Try again, if it fails.
        ...(operationOf(job) === "upscale"
          ? [pass, del]
          : [
              { id: jobButton("rerun", job.jobId), label: t.buttons.rerun, style: "primary" as const },
              { id: jobButton("variations", job.jobId), label: t.buttons.variations },
              ...(operationOf(job) === "generate" ? [{ id: jobButton("remix", job.jobId), label: t.buttons.remix }] : []),
              pass,
              del,
            ]),
      ],
    };
  }
  if (latest && "prompts" in latest) {
    // A describe has no pictures: its prompts are the result, one a line, numbered as they came.
    if (latest.aspectRatio) fields.unshift({ name: t.fields.aspectRatio, value: latest.aspectRatio });
    const lines = [t.promptsReady(latest.prompts.length), ...latest.prompts.map((p, i) => `${i + 1}. ${truncate(p, 400)}`)];
    return { tone: "success", lines, fields, links, buttons: [pass, del] };
  }
  if (latest && "transcriptUrl" in latest) {
    fields.unshift(
      { name: t.fields.words, value: String(latest.wordCount) },
      { name: t.fields.duration, value: `${Math.round(latest.duration)} s` },
    );
    return { tone: "success", lines: [t.transcriptReady], fields, links, buttons: [pass, del] };
  }
  if (latest && "modelUrl" in latest) {
    fields.unshift({ name: t.fields.version, value: `v${latest.version}` }, { name: t.fields.model, value: formatBytes(latest.sizeBytes) });
    const trigger = (job.input as Record<string, unknown>).triggerWord;
    const lines = [t.loraTrained(typeof trigger === "string" ? trigger : job.jobId)];
    return { tone: "success", lines, fields, links, buttons: [pass, del] };
  }
  return { tone: "success", lines: [t.done], links };
}
