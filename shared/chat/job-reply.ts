import { imageEndpointName } from "../jobs/image-endpoints.js";
import type { PublicJob } from "../jobs/view.js";
import { type JobReplyText, jobReplyText } from "./locale/job-messages.js";
import type { ChatLocale, Localized } from "./locale/languages.js";
import { jobButton } from "./job-buttons.js";
import { describeControls, pictureControls } from "./picture-layout.js";
import { meetingButtons } from "./meeting-buttons.js";
import { translateMenu } from "./translate-menu.js";
import { videoResult, videoTitle } from "./video-reply.js";
import { type ChatReply, type ReplyButton, formatBytes, progressBar, truncate } from "./reply.js";

/** What an image job did: generate from a prompt, or upscale, vary or edit a picture. */
function operationOf(job: PublicJob): string {
  const op = (job.input as Record<string, unknown>).operation;
  return typeof op === "string" ? op : "generate";
}

/** A picture operation's result is titled by what it did; an operation not listed here (generate) by its job's type. */
const operationTitles: Record<string, Localized> = {
  upscale: { en: "Upscale", de: "Hochskalierung", fr: "Agrandissement" },
  vary: { en: "Variation", de: "Variante", fr: "Variante" },
  edit: { en: "Edit", de: "Bearbeitung", fr: "Retouche" },
  "zoom-out": { en: "Zoom out", de: "Herausgezoomt", fr: "Dézoom" },
  pan: { en: "Pan", de: "Schwenk", fr: "Décalage" },
  "vary-region": { en: "Vary (Region)", de: "Bereichsvariante", fr: "Variante de zone" },
};

function kindOf(job: PublicJob, t: JobReplyText, locale: ChatLocale): string {
  if (job.type === "video-generation") return videoTitle(job, locale);
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
  return { ...completed(job, t, locale), title, footer };
}

function completed(job: PublicJob, t: JobReplyText, locale: ChatLocale): Omit<ChatReply, "title"> {
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
    const upscaled = operationOf(job) === "upscale";
    const tools = pictureControls({ jobId: job.jobId, count: latest.images.length, upscaled }, t, locale);
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
      menus: tools.menus,
      buttons: [
        ...tools.buttons,
        // An upscale has no seed to change: it is made again only by Try again, if it fails.
        ...(upscaled
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
  if (latest && "video" in latest) {
    const tookField = took ? { name: t.fields.took, value: took } : undefined;
    return videoResult(job, latest, { locale, subject: subject(job, t), took: tookField, pass, del, links });
  }
  if (latest && "prompts" in latest) {
    // A describe has no pictures: its prompts are the result, one a line, numbered as they came.
    if (latest.aspectRatio) fields.unshift({ name: t.fields.aspectRatio, value: latest.aspectRatio });
    const lines = [t.promptsReady(latest.prompts.length), ...latest.prompts.map((p, i) => `${i + 1}. ${truncate(p, 400)}`)];
    return { tone: "success", lines, fields, links, buttons: [...describeControls(job.jobId, latest.prompts.length, locale), pass, del] };
  }
  if (latest && "transcriptUrl" in latest) {
    fields.unshift(
      { name: t.fields.words, value: String(latest.wordCount) },
      { name: t.fields.duration, value: `${Math.round(latest.duration)} s` },
    );
    // The names the team gave its speakers, within a field's 1,024 characters on Discord.
    const named = Object.entries(job.speakerNames ?? {});
    if (named.length > 0) fields.push({ name: t.fields.speakers, value: truncate(named.map(([s, n]) => `${s}: ${n}`).join(", "), 1000) });
    const translate = translateMenu(job, locale);
    return {
      tone: "success",
      lines: [t.transcriptReady],
      fields,
      links,
      buttons: [...meetingButtons(job, locale), pass, del],
      ...(translate ? { menus: [translate] } : {}),
    };
  }
  if (latest && "modelUrl" in latest) {
    fields.unshift({ name: t.fields.version, value: `v${latest.version}` }, { name: t.fields.model, value: formatBytes(latest.sizeBytes) });
    const trigger = (job.input as Record<string, unknown>).triggerWord;
    const lines = [t.loraTrained(typeof trigger === "string" ? trigger : job.jobId)];
    return { tone: "success", lines, fields, links, buttons: [pass, del] };
  }
  return { tone: "success", lines: [t.done], links };
}
