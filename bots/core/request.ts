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
