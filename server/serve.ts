import { type ServerType, serve } from "@hono/node-server";
import type { JobQueue } from "../queue/job-queue.js";
import type { Config } from "../shared/config.js";
import type { Logger } from "../shared/logger.js";
import { type App, createApp } from "./app.js";
import { type ConnectedDeps, connectDeps } from "./deps-connect.js";

export interface RunningServer {
  url: string;
  deps: ConnectedDeps;
  stop(): Promise<void>;
}

/** Something added to the app by the process that serves it (the Slack app), stopped with it. */
export type Mount = (app: App, deps: ConnectedDeps) => { stop(): Promise<void> };

/** Connects the dependencies and serves the app; `stop()` closes connections after in-flight requests. */
export async function startServer(config: Config, logger: Logger, queue: JobQueue, mounts: Mount[] = []): Promise<RunningServer> {
  const deps = await connectDeps(config, logger, queue);
  const app = createApp(deps);
  const mounted = mounts.map((mount) => mount(app, deps));
  let server: ServerType;
  const port = await new Promise<number>((resolve, reject) => {
    // In production the platform's proxy reaches the process on any interface; a development
    // stack (emulated providers, local keys) answers this machine only.
    const hostname = config.env === "production" ? "0.0.0.0" : "127.0.0.1";
    server = serve({ fetch: app.fetch, port: config.port, hostname }, (info) => resolve(info.port));
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
      for (const m of mounted) await m.stop();
      await deps.close();
    },
  };
}
