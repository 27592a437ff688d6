import type { JobQueue } from "../queue/job-queue.js";
import type { Config } from "../shared/config.js";
import { type Core, connectCore } from "../shared/connect.js";
import type { Logger } from "../shared/logger.js";
import type { AppDeps } from "./deps.js";

export interface ConnectedDeps extends AppDeps {
  bucket: Core["bucket"];
  close(): Promise<void>;
}

/** The web process's dependencies; `queue` is the pg-boss queue in the service, a recording one in API tests. */
export async function connectDeps(config: Config, logger: Logger, queue: JobQueue): Promise<ConnectedDeps> {
  const core = await connectCore(config, logger);
  return { config, logger, ...core, queue };
}
