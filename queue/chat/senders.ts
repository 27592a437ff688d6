import { WebClient } from "@slack/web-api";
import { REST } from "discord.js";
import type { Config } from "../../shared/config.js";

/**
 * The platforms' own clients. Both queue requests behind a 429 and retry after the
 * `Retry-After` the platform sent, so the deliver worker never hammers a limited route.
 */
export interface ChatSenders {
  discord: REST;
  /** Undefined without SLACK_BOT_TOKEN. */
  slack: WebClient | undefined;
}

export function createChatSenders(config: Config): ChatSenders {
  // Global fetch: its FormData is the one the REST client builds for file uploads (the undici
  // that @discordjs/rest calls by default refuses a FormData it did not make, as under the tests).
  const discord = new REST({ api: config.discord.apiUrl, version: "10", timeout: 15_000, makeRequest: (url, init) => fetch(url, init as RequestInit) });
  // Interaction webhooks need no token; channel messages and DMs do.
  if (config.discord.token) discord.setToken(config.discord.token);
  const slack = config.slack.botToken
    ? new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, timeout: 15_000, retryConfig: { retries: 5, factor: 2 } })
    : undefined;
  return { discord, slack };
}
