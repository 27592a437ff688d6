import { App, type Authorize } from "@slack/bolt";
import type { SlackTokens } from "../../shared/chat/slack-access.js";
import type { Logger } from "../../shared/logger.js";
import type { ApiConnection } from "../api-client.js";
import type { FileRules } from "../core/files.js";
import type { SlackContext } from "./context.js";
import { FetchReceiver } from "./fetch-receiver.js";
import { registerListeners } from "./listeners/index.js";
import { onlySlackResponseUrls } from "./response-urls.js";
import type { UsedOnce } from "./used-once.js";
import { SlackUserCache } from "./user-cache.js";

export interface SlackAppOptions {
  /** The bot token of the team a request comes from: SLACK_BOT_TOKEN, or the team's install. */
  tokens: SlackTokens;
  signingSecret: string;
  /** Slack's Web API base (a local fake in tests). */
  slackApiUrl: string;
  api: ApiConnection;
  files: FileRules;
  logger: Logger;
  /** An app-level token: connect over Socket Mode instead of receiving HTTP requests. */
  appToken?: string | undefined;
  /** What may be taken once across the web machines: each verified request, so a replay is answered without being processed. */
  usedOnce: UsedOnce;
  /** Slack says the app left a team (app_uninstalled, or its bot token revoked): its token is forgotten. */
  onUninstalled?: (teamId: string, at: Date) => Promise<void>;
}

/** Bolt's authorize for many teams: the token of the team the request comes from, or a refusal Bolt logs and acks. */
function authorizeFrom(tokens: SlackTokens): Authorize<boolean> {
  return async (source) => {
    const teamId = source.teamId ?? "";
    const access = await tokens.forTeam(teamId);
    if (!access.ok) throw new Error(`Slack team ${teamId}: ${access.reason}`);
    return { botToken: access.botToken, botId: access.botId, botUserId: access.botUserId, teamId };
  };
}

/**
 * The Slack app: slash commands and buttons, each acked first (Slack waits 3 s), then the API
 * called with the bot's key for the Slack user. Shared jobs appear in the channel through the
 * deliver queue; private ones, refusals and listings only to the user.
 */
export function createSlackApp(opts: SlackAppOptions) {
  const receiver = opts.appToken ? undefined : new FetchReceiver(opts.signingSecret, opts.logger, opts.usedOnce);
  const app = new App({
    authorize: authorizeFrom(opts.tokens),
    ...(receiver ? { receiver } : { socketMode: true, appToken: opts.appToken, signingSecret: opts.signingSecret }),
    clientOptions: { slackApiUrl: opts.slackApiUrl, timeout: 10_000 },
    logLevel: undefined,
  });
  const ctx: SlackContext = {
    api: opts.api,
    files: opts.files,
    logger: opts.logger,
    users: new SlackUserCache(),
    onUninstalled: opts.onUninstalled,
  };
  app.use(onlySlackResponseUrls(opts.slackApiUrl, opts.logger));
  registerListeners(app, ctx);
  app.error(async (err) => {
    opts.logger.error({ err }, "slack app error");
  });
  return { app, receiver };
}
