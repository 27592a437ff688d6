import type { JobQueue } from "../queue/job-queue.js";
import type { Config } from "../shared/config.js";
import type { JobsRepository, Mongo, ProviderWebhooks } from "../shared/db/mongo/index.js";
import type { Sql } from "../shared/db/sql/client.js";
import type { Logger } from "../shared/logger.js";
import type { Storage } from "../shared/storage/index.js";

/** Everything a request handler may use; built once in main.ts, or per test suite. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  sql: Sql;
  mongo: Mongo;
  jobs: JobsRepository;
  webhooks: ProviderWebhooks;
  storage: Storage;
  queue: JobQueue;
}
