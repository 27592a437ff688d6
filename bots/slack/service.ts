import { slackTokens } from "../../shared/chat/slack-access.js";
import type { Config } from "../../shared/config.js";
import type { SqlDb } from "../../shared/db/sql/client.js";
import { markSlackUninstalled } from "../../shared/db/sql/slack-installations.js";
import type { Logger } from "../../shared/logger.js";
import { slackFileOrigins } from "../file-origins.js";
import { createSlackApp } from "./app.js";
import type { RequestContext } from "./fetch-receiver.js";
import { type SlackInstall, slackInstall } from "./install.js";
import { usedOnceIn } from "./used-once.js";

export interface SlackService {
  /** HTTP mode: the handler of Slack's requests (`POST /slack/events`); absent in Socket Mode. */
  fetch?: (req: Request, ctx?: RequestContext) => Promise<Response>;
  /** With SLACK_CLIENT_ID: the OAuth install flow's two routes. */
  install?: SlackInstall;
  stop(): Promise<void>;
}

/** Whether the environment configures the Slack app: its signing secret, the bots' API key, and a bot token or OAuth credentials. */
export function slackConfigured(config: Config): boolean {
  const { botToken, signingSecret, botApiKey, oauth } = config.slack;
  return Boolean(signingSecret && botApiKey && (botToken || oauth));
}

/**
 * The Slack app as a service for a web process to mount: in HTTP mode a fetch handler, or a
 * Socket Mode connection (started here) when SLACK_APP_TOKEN is set, plus the install routes
 * when the app is installed through OAuth. It calls the API through `apiFetch`, with the bot's
 * key: the web process passes its own app, so nothing leaves it. Undefined when Slack is not
 * configured.
 */
export function createSlackService(config: Config, logger: Logger, opts: { apiFetch: typeof fetch; db: SqlDb }): SlackService | undefined {
  const { signingSecret, botApiKey, apiUrl, appToken } = config.slack;
  const tokens = slackTokens(config, opts.db);
  if (!slackConfigured(config) || !tokens || !signingSecret || !botApiKey) return undefined;
  const log = logger.child({ component: "slack" });
  const { app: bolt, receiver } = createSlackApp({
    tokens,
    signingSecret,
    slackApiUrl: apiUrl,
    appToken,
    api: { url: "http://in-process", key: botApiKey, fetch: opts.apiFetch },
    files: { allowedOrigins: slackFileOrigins(config), maxBytes: config.chat.maxFileBytes },
    logger: log,
    usedOnce: usedOnceIn(opts.db),
    // With one token from the environment there is no install to forget: deliveries learn of the
    // uninstall from Slack's answers (token_revoked).
    ...(tokens.mode === "oauth"
      ? { onUninstalled: async (teamId: string, at: Date) => void (await markSlackUninstalled(opts.db, teamId, at)) }
      : {}),
  });
  const install = slackInstall(config, opts.db, logger);
  if (receiver) return { fetch: receiver.handle, ...(install ? { install } : {}), stop: async () => {} };
  void bolt.start().catch((err: unknown) => logger.error({ err }, "slack socket mode failed to start"));
  return { ...(install ? { install } : {}), stop: async () => void (await bolt.stop()) };
}
