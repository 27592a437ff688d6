import { LogLevel, type Logger as SlackLogger, WebClient } from "@slack/web-api";
import { REST } from "discord.js";
import { type SlackAccess, slackTokens } from "../../shared/chat/slack-access.js";
import type { Config } from "../../shared/config.js";
import type { SqlDb } from "../../shared/db/sql/client.js";
import type { Logger } from "../../shared/logger.js";

/**
 * The platforms' own clients. Both queue requests behind a 429 and retry after the
 * `Retry-After` the platform sent, so the deliver worker never hammers a limited route.
 */
export interface ChatSenders {
  discord: REST;
  /** A client with the team's bot token, or why there is none; undefined when Slack is not configured. */
  slack: ((teamId: string) => Promise<SlackClient>) | undefined;
}

export type SlackClient = { ok: true; client: WebClient } | Extract<SlackAccess, { ok: false }>;

/**
 * The Slack SDK's own log lines, in ours. Its errors are answers the deliver worker handles
 * (an `invalid_blocks` it steps down from, a channel the bot is not in) and logs itself, so they
 * are warnings here. Its debug and info lines carry request bodies, whose messages hold signed
 * links, which our logs never do: they are dropped.
 */
function slackSdkLogger(log: Logger): SlackLogger {
  const child = log.child({ component: "slack-web-api" });
  const text = (msg: unknown[]) => msg.map(String).join(" ");
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.warn(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function createChatSenders(config: Config, logger: Logger, db: SqlDb): ChatSenders {
  // Global fetch: its FormData is the one the REST client builds for file uploads (the undici
  // that @discordjs/rest calls by default refuses a FormData it did not make, as under the tests).
  const discord = new REST({
    api: config.discord.apiUrl,
    version: "10",
    timeout: 15_000,
    makeRequest: (url, init) => fetch(url, init as RequestInit),
  });
  // Interaction webhooks need no token; channel messages and DMs do.
  if (config.discord.token) discord.setToken(config.discord.token);
  const tokens = slackTokens(config, db);
  // One client per token, kept: each holds its own queue behind a 429.
  const clients = new Map<string, WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        slackApiUrl: config.slack.apiUrl,
        timeout: 15_000,
        retryConfig: { retries: 5, factor: 2 },
        logger: slackSdkLogger(logger),
      });
      clients.set(token, client);
    }
    return client;
  };
  const slack = tokens
    ? async (teamId: string): Promise<SlackClient> => {
        const access = await tokens.forTeam(teamId);
        return access.ok ? { ok: true, client: clientFor(access.botToken) } : access;
      }
    : undefined;
  return { discord, slack };
}
