import type { JobQueue } from "../queue/job-queue.js";
import type { Config } from "../shared/config.js";
import type { JobsRepository } from "../shared/db/mongo/jobs-repository.js";
import type { Sql } from "../shared/db/sql/client.js";
import type { Logger } from "../shared/logger.js";
import type { Storage } from "../shared/storage/client.js";
import type { Principal } from "./principal.js";

/** What the job lifecycle works with: the stores and the queue, never an HTTP or tRPC context. */
export interface JobsDeps {
  config: Config;
  logger: Logger;
  sql: Sql;
  jobs: JobsRepository;
  storage: Storage;
  queue: JobQueue;
}

/** One call into the lifecycle: who asks, with what, and the request id their logs and jobs carry. */
export interface JobsCall {
  principal: Principal;
  deps: JobsDeps;
  requestId?: string | undefined;
}
