import type { PictureAction } from "../../shared/chat/job-buttons.js";
import type { ChatRequest, Started } from "./request.js";

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
  const source = await req.api.jobs.get.query({ jobId: target.jobId });
  return req.api.jobs.create.mutate({
    type: "video-generation",
    operation: "animate",
    source: { jobId: target.jobId, image: target.image },
    motion,
    visibility: source.visibility,
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}

/** Extend: the job's clip continued, on the extend endpoint's defaults. */
export async function extendClip(req: ChatRequest, jobId: string): Promise<Started> {
  const source = await req.api.jobs.get.query({ jobId });
  return req.api.jobs.create.mutate({
    type: "video-generation",
    operation: "extend",
    source: { jobId, video: 1 },
    visibility: source.visibility,
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}

/** Animate again: the same input run again, as the rerun path does (the video models take no seed to change). */
export function animateAgain(req: ChatRequest, jobId: string): Promise<Started> {
  return req.api.jobs.rerun.mutate({ jobId, idempotencyKey: req.invocationId, delivery: req.delivery });
}
