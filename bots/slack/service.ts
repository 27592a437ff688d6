import type { Config } from "../../shared/config.js";
import type { Logger } from "../../shared/logger.js";
import { slackFileOrigins } from "../file-origins.js";
import { createSlackApp } from "./app.js";
import type { RequestContext } from "./fetch-receiver.js";

export interface SlackService {
  /** HTTP mode: the handler of Slack's requests (`POST /slack/events`); absent in Socket Mode. */
  fetch?: (req: Request, ctx?: RequestContext) => Promise<Response>;
  stop(): Promise<void>;
}

/**
 * The Slack app as a service for a web process to mount: in HTTP mode a fetch handler, or a
 * Socket Mode connection (started here) when SLACK_APP_TOKEN is set. It calls the API through
 * `apiFetch`, with the bot's key: the web process passes its own app, so nothing leaves it.
 * Undefined when Slack is not configured.
 */
export function createSlackService(config: Config, logger: Logger, opts: { apiFetch: typeof fetch }): SlackService | undefined {
  const { botToken, signingSecret, botApiKey, apiUrl, appToken } = config.slack;
  if (!botToken || !signingSecret || !botApiKey) return undefined;
  const { app: bolt, receiver } = createSlackApp({
    botToken,
    signingSecret,
    slackApiUrl: apiUrl,
    appToken,
    api: { url: "http://in-process", key: botApiKey, fetch: opts.apiFetch },
    files: { allowedOrigins: slackFileOrigins(config), maxBytes: config.chat.maxFileBytes },
    logger: logger.child({ component: "slack" }),
  });
  if (receiver) return { fetch: receiver.handle, stop: async () => {} };
  void bolt.start().catch((err: unknown) => logger.error({ err }, "slack socket mode failed to start"));
  return { stop: async () => void (await bolt.stop()) };
}
