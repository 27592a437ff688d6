import type { FalClient } from "@fal-ai/client";
import type { AssemblyAI } from "assemblyai";
import type { Config } from "../shared/config.js";
import type { JobsRepository } from "../shared/db/mongo/jobs-repository.js";
import type { Sql } from "../shared/db/sql/client.js";
import type { Logger } from "../shared/logger.js";
import type { Storage } from "../shared/storage/client.js";
import type { ChatSenders } from "./chat/senders.js";

/** What the workers use. They never import the server or tRPC. */
export interface WorkerDeps {
  config: Config;
  logger: Logger;
  jobs: JobsRepository;
  storage: Storage;
  sql: Sql;
  fal: FalClient;
  assemblyai: AssemblyAI;
  /** Origins of the provider emulators, trusted by the SSRF guard; empty in production. */
  trustedOrigins: string[];
  /** Discord REST and Slack Web API clients for the deliver queue. */
  chat: ChatSenders;
}
