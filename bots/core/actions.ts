import { randomBytes } from "node:crypto";
import type { ParsedJobButton } from "../../shared/chat/job-buttons.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import { formText } from "../../shared/chat/locale/forms.js";
import { jobReplyText } from "../../shared/chat/locale/job-messages.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { listingText } from "../../shared/chat/locale/listings.js";
import { noticeText } from "../../shared/chat/locale/notices.js";
import { type ImageModel, type ImageSize, fields, imageModels, imageSizes, limits } from "../../shared/jobs/input.js";
import { resolveLora, usableLoras } from "../../shared/jobs/lora-lookup.js";
import { imageModelNamed, imageSizeNamed } from "../../shared/jobs/typed-choices.js";
import type { Api } from "../api-client.js";
import { chaptersReply } from "./chapters.js";
import { CommandInputError } from "./explain.js";
import { type PlatformFile, uploadPlatformFile } from "./files.js";
import { regionLinkReply, startFraming } from "./picture-tools.js";
import { translateTranscript } from "./translate.js";
import { animateAgain, animatePicture, extendClip, isAnimate } from "./video-tools.js";
import { type ChatRequest, type Started, createFromJob } from "./request.js";
import { type TranscriptionChoices, transcriptionFields } from "./transcription-options.js";

/** The sizes the API takes, each named as a person reads it in their language. */
export function imageSizeChoices(locale: ChatLocale = "en"): Array<{ name: string; value: ImageSize }> {
  return imageSizes.map((value) => ({ name: formText[locale].sizes[value], value }));
}

/** The FLUX models a generation may name, each described as a person reads it in their language. */
export function imageModelChoices(locale: ChatLocale = "en"): Array<{ name: string; value: ImageModel }> {
  return imageModels.map((value) => ({ name: formText[locale].models[value], value }));
}

export { imageModelNamed, imageSizeNamed };

/** Autocomplete's choices: the usable LoRAs whose trigger word contains what was typed. */
export async function loraChoices(api: Api, typed: string): Promise<Array<{ name: string; value: string }>> {
  const needle = typed.trim().toLowerCase();
  return (await usableLoras(api))
    .filter((l) => !needle || l.trigger.toLowerCase().includes(needle))
    .slice(0, 25)
    .map((l) => ({ name: `${l.trigger} (v${l.version})`, value: l.jobId }));
}

export async function startGeneration(
  req: ChatRequest,
  a: {
    prompt: string;
    /** A preset, or a width and height (from a size or an aspect ratio). */
    size?: ImageSize | { imageSize: ImageSize } | { width: number; height: number } | undefined;
    count?: number | undefined;
    seed?: string | undefined;
    /** Unset: the channel's default model, else the deployment's. */
    model?: ImageModel | undefined;
    lora?: string | undefined;
    loraScale?: number | undefined;
    private: boolean;
  },
): Promise<Started> {
  const lora = a.lora
    ? { jobId: await resolveLora(req.api, a.lora), ...(a.loraScale !== undefined ? { scale: a.loraScale } : {}) }
    : undefined;
  const size = typeof a.size === "string" ? { imageSize: a.size } : a.size;
  return req.api.jobs.create.mutate({
    type: "image-generation",
    prompt: a.prompt,
    ...(size ?? {}),
    ...(a.count ? { count: a.count } : {}),
    ...(a.seed !== undefined ? { seed: a.seed } : {}),
    ...(a.model ? { model: a.model } : {}),
    ...(lora ? { lora } : {}),
    visibility: a.private ? "private" : "workspace",
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}

/** File types a link may name; a link to a web page or a picture is refused before anything is made. */
const mediaExtensions = /\.(mp3|wav|m4a|ogg|oga|opus|flac|aac|webm|mp4|mov|mkv|m4v)$/i;
const notMediaExtensions = /\.(html?|php|aspx?|jpe?g|png|gif|webp|svg|pdf|txt|zip|docx?)$/i;

export async function startTranscription(
  req: ChatRequest,
  a: {
    url?: string | undefined;
    file?: PlatformFile | undefined;
    private: boolean;
  } & TranscriptionChoices,
): Promise<Started> {
  if (!a.url === !a.file) throw new CommandInputError((t) => t.linkOrFile);
  let source: { audioUrl: string } | { uploadKey: string };
  if (a.file) {
    source = { uploadKey: await uploadPlatformFile(req.api, a.file, "media", req.files, true) };
  } else {
    const url = a.url?.trim() ?? "";
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new CommandInputError((t) => t.notALink(url.slice(0, 100)));
    }
    if (notMediaExtensions.test(parsed.pathname) && !mediaExtensions.test(parsed.pathname)) {
      const extension = parsed.pathname.split(".").pop() ?? "";
      throw new CommandInputError((t) => t.notMedia(extension));
    }
    source = { audioUrl: url };
  }
  return req.api.jobs.create.mutate({
    type: "transcription",
    ...source,
    ...transcriptionFields(a),
    visibility: a.private ? "private" : "workspace",
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}

export async function startTraining(
  req: ChatRequest,
  a: { triggerWord: string; file: PlatformFile; steps?: number | undefined; private: boolean },
): Promise<Started> {
  if (!fields.triggerWord.safeParse(a.triggerWord).success) {
    throw new CommandInputError((t) => t.triggerWord(limits.triggerWordLength));
  }
  const key = await uploadPlatformFile(req.api, a.file, "training", req.files, false);
  const isZip = /zip/.test(a.file.contentType ?? "") || a.file.name.toLowerCase().endsWith(".zip");
  return req.api.jobs.create.mutate({
    type: "lora-training",
    ...(isZip ? { imagesZipKey: key } : { videoKey: key }),
    triggerWord: a.triggerWord,
    ...(a.steps ? { steps: a.steps } : {}),
    visibility: a.private ? "private" : "workspace",
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}

/**
 * What a press came to: a job started, a short answer, or a result for the bot to post itself
 * (shared in the channel with credit to its author, or sent to the clicker's DMs).
 */
export type ButtonResult =
  | { kind: "started"; started: Started }
  | { kind: "done"; message: string }
  | { kind: "post"; where: "channel" | "dm"; reply: ChatReply }
  /** For the clicker's eyes only (Vary (Region)'s sign-in link). */
  | { kind: "alone"; reply: ChatReply };

/** An Edit modal's submit: the clicker's edit of the picture by their instruction, as private as its source. */
export async function editPicture(req: ChatRequest, target: { jobId: string; image: number }, instruction: string): Promise<Started> {
  const prompt = instruction.trim();
  if (!prompt) throw new CommandInputError((t) => t.sayWhatToChange);
  return createFromJob(req, target.jobId, {
    type: "image-generation",
    operation: "edit",
    source: { jobId: target.jobId, image: target.image },
    prompt,
  });
}

/**
 * What a button on a job's message does; the API decides who may (delete and cancel: the owner;
 * a picture's actions: whoever may see the job). A picture's upscale or variation is the
 * clicker's job, as private as its source.
 */
/** A job's status as a person reads it in their language; one the tables do not name, as the API says it. */
function statusIn(locale: ChatLocale, status: string): string {
  const statuses: Record<string, string> = listingText[locale].statuses;
  return statuses[status] ?? status;
}

export async function pressJobButton(req: ChatRequest, button: ParsedJobButton): Promise<ButtonResult> {
  const { jobId } = button;
  const locale = req.delivery.locale ?? "en";
  const said = noticeText[locale];
  if (
    button.action === "edit" ||
    button.action === "remix" ||
    button.action === "zoom-custom" ||
    button.action === "ask" ||
    button.action === "item"
  )
    throw new Error(`a ${button.action} button opens a modal; its submit starts the job`);
  if (button.action === "region") return { kind: "alone", reply: await regionLinkReply(req, button) };
  if (button.action === "chapters") return { kind: "alone", reply: await chaptersReply(req.api, jobId, locale) };
  if (button.action === "translate") return { kind: "alone", reply: await translateTranscript(req, button) };
  if (button.action === "upscale" || button.action === "vary" || button.action === "subtle") {
    const started = await createFromJob(req, jobId, {
      type: "image-generation",
      operation: button.action === "upscale" ? "upscale" : "vary",
      source: { jobId, image: button.image },
      ...(button.action === "upscale" ? {} : { strength: button.action === "subtle" ? ("subtle" as const) : ("strong" as const) }),
    });
    return { kind: "started", started };
  }
  if ("image" in button && isAnimate(button.action)) return { kind: "started", started: await animatePicture(req, button.action, button) };
  // Zoom Out 2× / 1.5×, a pan, or a describe's Generate n.
  if ("image" in button) return { kind: "started", started: await startFraming(req, button.action, button) };
  switch (button.action) {
    case "rerun":
    case "variations": {
      const started = await req.api.jobs.rerun.mutate({
        jobId,
        // Any 64-bit seed, as fal draws its own.
        seed: randomBytes(8).readBigUInt64BE().toString(),
        ...(button.action === "variations" ? { count: 4 } : {}),
        idempotencyKey: req.invocationId,
        delivery: req.delivery,
      });
      return { kind: "started", started };
    }
    case "extend":
      return { kind: "started", started: await extendClip(req, jobId) };
    case "animate-again":
      return { kind: "started", started: await animateAgain(req, jobId) };
    case "retry": {
      const started = await req.api.jobs.rerun.mutate({ jobId, idempotencyKey: req.invocationId, delivery: req.delivery });
      return { kind: "started", started };
    }
    case "share": {
      const job = await req.api.jobs.share.mutate({ jobId });
      const author = job.userId.replace(/^(discord|slack)-/, "");
      const reply = jobReply(job, { requester: author, locale });
      return { kind: "post", where: "channel", reply: { ...reply, lines: [...reply.lines, jobReplyText[locale].sharedByAuthor] } };
    }
    case "dm": {
      const job = await req.api.jobs.get.query({ jobId });
      // Buttons act in a server or a workspace's channels; a DM copy is for keeping, with its links.
      return { kind: "post", where: "dm", reply: { ...jobReply(job, { locale }), buttons: [] } };
    }
    case "delete": {
      const res = await req.api.jobs.delete.mutate({ jobId });
      return { kind: "done", message: res.deleted ? said.deletedJob(jobId, res.objectsRemoved) : said.alreadyDeleted(jobId) };
    }
    case "cancel": {
      const res = await req.api.jobs.cancel.mutate({ jobId });
      return {
        kind: "done",
        message: res.status === "canceled" ? said.canceledJob(jobId) : said.alreadyEnded(jobId, statusIn(locale, res.status)),
      };
    }
  }
}
