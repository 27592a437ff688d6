import { type ServerType, serve } from "@hono/node-server";
import type { JobQueue } from "../queue/enqueue.js";
import type { Config } from "../shared/config.js";
import type { Logger } from "../shared/logger.js";
import { createApp } from "./app.js";
import { type ConnectedDeps, connectDeps } from "./deps-connect.js";

export interface RunningServer {
  url: string;
  deps: ConnectedDeps;
  stop(): Promise<void>;
}

/** Connects the dependencies and serves the app; `stop()` closes connections after in-flight requests. */
export async function startServer(config: Config, logger: Logger, queue: JobQueue): Promise<RunningServer> {
  const deps = await connectDeps(config, logger, queue);
  const app = createApp(deps);
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: config.port, hostname: "0.0.0.0" }, (info) => resolve(info.port));
    server.once("error", reject);
  }).catch(async (err) => {
    await deps.close();
    throw err;
  });
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await deps.close();
    },
  };
}
