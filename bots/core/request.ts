import type { ChatActor } from "../../shared/chat/actor.js";
import type { DeliveryRequest } from "../../shared/chat/delivery.js";
import type { Api } from "../api-client.js";
import type { FileRules } from "./files.js";

/** One chat command or button press, ready to call the API. */
export interface ChatRequest {
  api: Api;
  actor: ChatActor;
  /** The platform's id of this invocation; a redelivered command reuses it and makes no second job. */
  invocationId: string;
  delivery: DeliveryRequest;
  files: FileRules;
}

export interface Started {
  jobId: string;
  status: string;
}

type CreateInput = Parameters<Api["jobs"]["create"]["mutate"]>[0];
/** A job's input without what a job made from another job takes from its source and its click. */
export type FromJobInput = CreateInput extends infer T
  ? T extends unknown
    ? Omit<T, "visibility" | "idempotencyKey" | "delivery">
    : never
  : never;

/**
 * The clicker's job made from job `jobId` (a picture's upscale, vary, edit, zoom, pan or animate,
 * a clip's extend): as private as its source, which is read first so that a job the clicker may
 * not see is refused; made once per invocation; delivered where the click was.
 */
export async function createFromJob(req: ChatRequest, jobId: string, input: FromJobInput): Promise<Started> {
  const source = await req.api.jobs.get.query({ jobId });
  return req.api.jobs.create.mutate({
    ...input,
    visibility: source.visibility,
    idempotencyKey: req.invocationId,
    delivery: req.delivery,
  });
}
