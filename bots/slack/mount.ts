import type { Hono } from "hono";
import type { AppEnv } from "../../server/app-env.js";
import type { Config } from "../../shared/config.js";
import type { Logger } from "../../shared/logger.js";
import { slackFileOrigins } from "../file-origins.js";
import { createSlackApp } from "./app.js";

export interface MountedSlack {
  stop(): Promise<void>;
}

/**
 * Adds the Slack app to the web process: `POST /slack/events` in HTTP mode, or a Socket Mode
 * connection when SLACK_APP_TOKEN is set. It calls the API in-process through the same Hono
 * app, with the bot's key, so nothing leaves the process. Undefined when Slack is not configured.
 */
export function slackMount(config: Config, logger: Logger, opts: { wrapApiFetch?: (inProcess: typeof fetch) => typeof fetch } = {}) {
  const { botToken, signingSecret, botApiKey, apiUrl, appToken } = config.slack;
  if (!botToken || !signingSecret || !botApiKey) return undefined;
  return (app: Hono<AppEnv>): MountedSlack => {
    const inProcess: typeof fetch = async (input, init) => app.request(input instanceof Request ? input : String(input), init);
    const { app: bolt, receiver } = createSlackApp({
      botToken,
      signingSecret,
      slackApiUrl: apiUrl,
      appToken,
      api: { url: "http://in-process", key: botApiKey, fetch: opts.wrapApiFetch ? opts.wrapApiFetch(inProcess) : inProcess },
      files: { allowedOrigins: slackFileOrigins(config), maxBytes: config.chat.maxFileBytes },
      logger: logger.child({ component: "slack" }),
    });
    if (receiver) {
      app.post("/slack/events", (c) => receiver.handle(c));
      return { stop: async () => {} };
    }
    void bolt.start().catch((err: unknown) => logger.error({ err }, "slack socket mode failed to start"));
    return { stop: async () => void (await bolt.stop()) };
  };
}
