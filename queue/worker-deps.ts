import type { FalClient } from "@fal-ai/client";
import type { AssemblyAI } from "assemblyai";
import type { Config } from "../shared/config.js";
import type { JobsRepository } from "../shared/db/mongo/jobs-repository.js";
import type { ProviderWebhooks } from "../shared/db/mongo/provider-webhooks.js";
import type { Sql } from "../shared/db/sql/client.js";
import type { Logger } from "../shared/logger.js";
import type { Storage } from "../shared/storage/client.js";
import type { ChatSenders } from "./chat/senders.js";
import type { JobQueue } from "./job-queue.js";
import type { RetryPolicy } from "./queues.js";

/** What the workers use. They never import the server or tRPC. */
export interface WorkerDeps {
  config: Config;
  logger: Logger;
  jobs: JobsRepository;
  /** Provider webhooks the web process recorded for the jobs this worker runs. */
  webhooks: ProviderWebhooks;
  storage: Storage;
  sql: Sql;
  fal: FalClient;
  assemblyai: AssemblyAI;
  /** Origins of the provider emulators, trusted by the SSRF guard; empty in production. */
  trustedOrigins: string[];
  /** The queue: chat notices of the changes a worker makes, and jobs a sweep queues again. */
  queue: JobQueue;
  /** The retry policy the queues were created with: a job's last attempt is the one its queue allows. */
  retry: RetryPolicy;
  /** Discord REST and Slack Web API clients for the deliver queue. */
  chat: ChatSenders;
}
