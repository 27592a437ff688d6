import type { PictureAction } from "../../shared/chat/job-buttons.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { pictureToolsText } from "../../shared/chat/locale/picture-tools.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import { type PanDirection, limits } from "../../shared/jobs/input.js";
import { parseSize } from "../../shared/jobs/typed-choices.js";
import { CommandInputError } from "./explain.js";
import { GALLERY_LINK_BUTTON } from "./gallery.js";
import { type ChatRequest, type Started, createFromJob } from "./request.js";

/**
 * The picture tools of a result beyond upscale and vary: zoom out and pan a picture, zoom out by
 * a factor from the Custom Zoom form, the Vary (Region) link, and a describe's Generate n. Each
 * job is the clicker's, as private as the job it came from, and made once per interaction (its
 * id is the idempotency key).
 */

type Target = { jobId: string; image: number };

const zoomFactors: Partial<Record<PictureAction, number>> = { "zoom-out-2": 2, "zoom-out-1.5": 1.5 };
const panDirections: Partial<Record<PictureAction, PanDirection>> = {
  "pan-left": "left",
  "pan-right": "right",
  "pan-up": "up",
  "pan-down": "down",
};

/** Zoom Out 2× / 1.5× or a pan, on the picture; Generate n on a describe. */
export async function startFraming(req: ChatRequest, action: PictureAction, target: Target): Promise<Started> {
  if (action === "imagine") return generateFromDescribe(req, target);
  const factor = zoomFactors[action];
  const direction = panDirections[action];
  if (factor === undefined && direction === undefined) throw new Error(`${action} is not a zoom or a pan`);
  return createFromJob(req, target.jobId, {
    type: "image-generation",
    ...(factor !== undefined ? { operation: "zoom-out" as const, factor } : { operation: "pan" as const, direction }),
    source: { jobId: target.jobId, image: target.image },
  });
}

/** A factor as typed, with a decimal point or comma (1.5, 1,5): more than 1 and at most 2, or undefined. */
export function zoomFactorOf(typed: string): number | undefined {
  const t = typed.trim().replace(",", ".");
  if (!/^\d{1,2}(\.\d{1,3})?$/.test(t)) return undefined;
  const n = Number(t);
  return n > limits.zoomFactor.above && n <= limits.zoomFactor.max ? n : undefined;
}

/** The refusal of a factor that cannot be, in the clicker's language, before anything is asked of the API. */
export function badFactor(typed: string, locale: ChatLocale): CommandInputError {
  return new CommandInputError(() => pictureToolsText[locale].zoom.badFactor(typed.trim().slice(0, 20)));
}

/** The Custom Zoom form's submit: a zoom-out by its factor, with its prompt when one was given. */
export async function zoomByFactor(req: ChatRequest, target: Target, typed: { factor: string; prompt: string }): Promise<Started> {
  const factor = zoomFactorOf(typed.factor);
  if (factor === undefined) throw badFactor(typed.factor, req.delivery.locale ?? "en");
  const prompt = typed.prompt.trim();
  return createFromJob(req, target.jobId, {
    type: "image-generation",
    operation: "zoom-out",
    source: { jobId: target.jobId, image: target.image },
    factor,
    ...(prompt ? { prompt } : {}),
  });
}

/** Generate n on a describe: a plain generation from its prompt n, at the aspect ratio it detected. */
async function generateFromDescribe(req: ChatRequest, target: Target): Promise<Started> {
  const locale = req.delivery.locale ?? "en";
  const described = await req.api.jobs.get.query({ jobId: target.jobId });
  const prompt = described.prompts?.[target.image - 1];
  if (!prompt) throw new CommandInputError(() => pictureToolsText[locale].noSuchPrompt(target.image));
  return req.api.jobs.create.mutate({
    type: "image-generation",
    prompt: prompt.slice(0, limits.promptLength),
    ...sizeOfRatio(described.aspectRatio),
    visibility: described.visibility,
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}

/** A detected aspect ratio (3:2) as the width and height a generation takes; none, or one out of range, leaves the default. */
function sizeOfRatio(ratio: string | null): { width: number; height: number } | Record<string, never> {
  if (!ratio) return {};
  try {
    const size = parseSize(ratio);
    return "width" in size ? size : {};
  } catch {
    return {};
  }
}

/** The gallery's region editor of one picture, in the web app. */
export function regionEditorPath(target: Target): string {
  return `/app/jobs/${encodeURIComponent(target.jobId)}/pictures/${target.image}/region`;
}

/**
 * Vary (Region): neither platform can draw a mask, so the clicker alone gets a one-time sign-in
 * link that opens the gallery's region editor of the picture. Whoever opens it first is signed
 * in as the clicker, so it is never posted where others see it.
 */
export async function regionLinkReply(req: ChatRequest, target: Target): Promise<ChatReply> {
  const locale = req.delivery.locale ?? "en";
  const t = pictureToolsText[locale].region;
  // The picture is read first: a job the clicker may not see is refused before any link is made.
  await req.api.jobs.get.query({ jobId: target.jobId });
  const link = await req.api.gallery.signInLink.mutate({ next: regionEditorPath(target) });
  return {
    title: t.title(target.image),
    tone: "info",
    lines: [t.line],
    buttons: [{ id: GALLERY_LINK_BUTTON, label: t.open, url: link.url, style: "primary" }],
  };
}
