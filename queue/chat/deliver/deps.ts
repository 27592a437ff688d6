import type { Config } from "../../../shared/config.js";
import type { JobsRepository } from "../../../shared/db/mongo/jobs-repository.js";
import type { Sql } from "../../../shared/db/sql/client.js";
import type { Logger } from "../../../shared/logger.js";
import type { Storage } from "../../../shared/storage/client.js";
import type { JobQueue } from "../../job-queue.js";
import type { ChatSenders } from "../senders.js";

/**
 * What a delivery works with: the part of the workers' deps the deliver queue uses, named here
 * so that chat delivery needs nothing of the queue above it but the facade.
 */
export interface DeliverDeps {
  config: Config;
  logger: Logger;
  jobs: JobsRepository;
  storage: Storage;
  sql: Sql;
  /** Where the job stands in its line, and the deliveries a move of that line queues. */
  queue: JobQueue;
  /** Discord REST and Slack Web API clients. */
  chat: ChatSenders;
}

/** What the deliver worker decided for one run, for logs and tests. */
export type DeliverOutcome = "edited" | "posted" | "skipped" | "already-delivered" | "refused" | "undeliverable";
