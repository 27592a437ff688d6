import { platformUserId } from "../../shared/chat/actor.js";
import type { PictureAction } from "../../shared/chat/job-buttons.js";
import { CommandInputError } from "./explain.js";
import { type ChatRequest, type Started, createFromJob } from "./request.js";

/**
 * A picture's Animate and a video result's Extend and Animate again. Each job is the clicker's,
 * as private as the job it came from, and made once per interaction (its id is the idempotency
 * key), delivered where the click was.
 */

const motions: Partial<Record<PictureAction, "low" | "high">> = { "animate-low": "low", "animate-high": "high" };

export const isAnimate = (action: PictureAction): boolean => motions[action] !== undefined;

/** Animate (Low motion) / (High motion): picture `image` of the job, as a clip. */
export async function animatePicture(req: ChatRequest, action: PictureAction, target: { jobId: string; image: number }): Promise<Started> {
  const motion = motions[action];
  if (!motion) throw new Error(`${action} is not an animate`);
  return createFromJob(req, target.jobId, {
    type: "video-generation",
    operation: "animate",
    source: { jobId: target.jobId, image: target.image },
    motion,
  });
}

/** Extend: the job's clip continued, on the extend endpoint's defaults. */
export async function extendClip(req: ChatRequest, jobId: string): Promise<Started> {
  return createFromJob(req, jobId, { type: "video-generation", operation: "extend", source: { jobId, video: 1 } });
}

/** Whether a video job's input names an upload (its picture or its end frame): uploads are their uploader's alone. */
function namesUpload(input: Record<string, unknown>): boolean {
  const end = input.endFrame;
  return typeof input.uploadKey === "string" || (typeof end === "object" && end !== null && "uploadKey" in end);
}

/**
 * Animate again: the same input run again, as the rerun path does (the video models take no seed
 * to change). A clip of a picture someone uploaded (`/video` with an image) is theirs to run
 * again: another member is told so, instead of the API's word that the upload is not found.
 */
export async function animateAgain(req: ChatRequest, jobId: string): Promise<Started> {
  const job = await req.api.jobs.get.query({ jobId });
  if (namesUpload(job.input as Record<string, unknown>) && job.userId !== platformUserId(req.actor.platform, req.actor.externalUserId))
    throw new CommandInputError((t) => t.animateAgainOwnUpload);
  return req.api.jobs.rerun.mutate({ jobId, idempotencyKey: req.invocationId, delivery: req.delivery });
}
