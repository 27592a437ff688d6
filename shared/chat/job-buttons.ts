import { askJobInput } from "../jobs/transcript-inputs.js";
import { isTranslationLanguage } from "../jobs/translation-languages.js";

/**
 * The ids of the controls on job messages: buttons and menu choices are `job:<action>:<jobId>`
 * for the job's own actions and `job:<action>:<jobId>:<n>` for picture `n`'s (or, on a describe,
 * prompt `n`'s); a menu's choice carries the same id as its value, so both go one way. The
 * modals they open have ids of their own. The bots parse each back here.
 */

/** `extend` and `animate-again` act on a video result's clip: a longer clip, or the same input run again. */
export const jobActions = [
  "rerun",
  "variations",
  "remix",
  "retry",
  "share",
  "dm",
  "delete",
  "cancel",
  "ask",
  "chapters",
  "extend",
  "animate-again",
] as const;
export type JobAction = (typeof jobActions)[number];

/**
 * What acts on one picture of an image result: upscale, vary strongly or subtly, edit by an
 * instruction (a modal), vary a region (the gallery's editor, by a sign-in link), zoom out 2× or
 * 1.5× or by a factor asked in a modal, pan to a side, animate into a clip with low or high
 * motion; and, on a describe, generate from prompt `n`.
 */
export const pictureActions = [
  "upscale",
  "vary",
  "subtle",
  "edit",
  "region",
  "zoom-out-2",
  "zoom-out-1.5",
  "zoom-custom",
  "pan-left",
  "pan-right",
  "pan-up",
  "pan-down",
  "animate-low",
  "animate-high",
  "imagine",
] as const;
export type PictureAction = (typeof pictureActions)[number];

/** A result carries four pictures (or a describe four prompts) at most. */
const PICTURES_MAX = 4;

export function jobButton(action: JobAction, jobId: string): string {
  return `job:${action}:${jobId}`;
}

export function pictureButton(action: PictureAction, jobId: string, image: number): string {
  return `job:${action}:${jobId}:${image}`;
}

export type ParsedJobButton =
  | { action: JobAction; jobId: string }
  | { action: PictureAction; jobId: string; image: number }
  | { action: "translate"; jobId: string; language: string }
  | { action: "item"; jobId: string; item: number };

/** A transcript's action items a Slack result's menu offers: the notes' first 25. */
export const ACTION_ITEMS_MAX = 25;

/** A choice of a Slack result's action-items menu (`items:<jobId>`): `job:item:<jobId>:<n>`, item `n` from 1. */
export function actionItemChoice(jobId: string, item: number): string {
  return `job:item:${jobId}:${item}`;
}

export function actionItemsMenuId(jobId: string): string {
  return `items:${jobId}`;
}

/** A choice of a transcript's Translate menu: `job:translate:<jobId>:<language>`. */
export function translateChoice(jobId: string, language: string): string {
  return `job:translate:${jobId}:${language}`;
}

/** The Translate menu's own id: `translate:<jobId>`. */
export function translateMenuId(jobId: string): string {
  return `translate:${jobId}`;
}

export function parseJobButton(id: string): ParsedJobButton | undefined {
  const [kind, action, jobId, image, ...rest] = id.split(":");
  if (kind !== "job" || !jobId || rest.length) return undefined;
  if (action === "translate" && image && isTranslationLanguage(image)) return { action, jobId, language: image };
  if (action === "item" && /^[1-9]\d?$/.test(image ?? "") && Number(image) <= ACTION_ITEMS_MAX)
    return { action, jobId, item: Number(image) };
  if ((jobActions as readonly string[]).includes(action ?? "") && image === undefined) return { action: action as JobAction, jobId };
  const n = Number(image);
  if ((pictureActions as readonly string[]).includes(action ?? "") && Number.isInteger(n) && n >= 1 && n <= PICTURES_MAX)
    return { action: action as PictureAction, jobId, image: n };
  return undefined;
}

/**
 * A video result's Download: a link button to its clip's /d/ link. Discord sends no click for a
 * link button; Slack sends one, which only needs its ack (`download:<jobId>`).
 */
export function downloadButtonId(jobId: string): string {
  return `download:${jobId}`;
}

/** A menu of more actions for some of a result's pictures: `pictures:<jobId>:<first picture>`. */
export function picturesMenuId(jobId: string, first: number): string {
  return `pictures:${jobId}:${first}`;
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

/** The modal Custom Zoom opens: `zoom:<jobId>:<image>`, asking the factor and, optionally, a new prompt. */
export const ZOOM_FACTOR_INPUT = "factor";
export const ZOOM_PROMPT_INPUT = "prompt";

export function zoomModalId(jobId: string, image: number): string {
  return `zoom:${jobId}:${image}`;
}

export function parseZoomModalId(id: string): { jobId: string; image: number } | undefined {
  const m = /^zoom:([^:]{1,64}):([1-4])$/.exec(id);
  return m ? { jobId: m[1] as string, image: Number(m[2]) } : undefined;
}

/** The modal a transcript's Ask button opens: `ask:<jobId>`, the question in its one input. */
export const ASK_QUESTION_INPUT = "question";
/** The question's length as jobs.ask takes it: the modals' inputs keep to it. */
export const askQuestionLength = {
  min: askJobInput.shape.question.minLength ?? 1,
  max: askJobInput.shape.question.maxLength ?? 500,
};

export function askModalId(jobId: string): string {
  return `ask:${jobId}`;
}

export function parseAskModalId(id: string): { jobId: string } | undefined {
  const m = /^ask:([^:]{1,64})$/.exec(id);
  return m ? { jobId: m[1] as string } : undefined;
}

/** The modal an action item's choice opens on Slack: `item:<jobId>:<n>`, whom to send it to and when. */
export const ITEM_OWNER_INPUT = "owner";
export const ITEM_WHEN_INPUT = "when";
/** When the item reaches its owner's DM: now (chat.postMessage) or later (chat.scheduleMessage), in seconds from the submit. */
export const itemDelays = { now: 0, hour: 3_600, tomorrow: 86_400, week: 7 * 86_400 } as const;
export type ItemDelay = keyof typeof itemDelays;

export function itemModalId(jobId: string, item: number): string {
  return `item:${jobId}:${item}`;
}

export function parseItemModalId(id: string): { jobId: string; item: number } | undefined {
  const m = /^item:([^:]{1,64}):([1-9]\d?)$/.exec(id);
  return m && Number(m[2]) <= ACTION_ITEMS_MAX ? { jobId: m[1] as string, item: Number(m[2]) } : undefined;
}
