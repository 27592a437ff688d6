import { registerCommands } from "../bots/discord/register-commands.js";
import { sandboxApp } from "../infra/sandbox/app.js";
import { DISCORD_GUILD, discordChannelIds } from "../infra/sandbox/world.js";
import type { Mount } from "../server/serve.js";
import { type Config, loadConfig } from "../shared/config.js";
import { connectSql, runMigrations } from "../shared/db/sql/client.js";
import type { Logger } from "../shared/logger.js";
import { botKeys, localChatEnv, startLocalChat } from "./local-chat.js";

export interface ChatSandbox {
  /** The service's config with Discord and Slack pointed at the local ones, and the bots' keys. */
  config: Config;
  /** Serves the page at /sandbox. */
  mount: Mount;
  close(): Promise<void>;
}

/** Whether `npm start` runs the sandbox: outside production, when no Discord or Slack of a deployment is configured. */
export function sandboxWanted(config: Config): boolean {
  return config.env !== "production" && !config.discord.token && !config.slack.botToken && !config.slack.oauth;
}

/**
 * `npm start`'s chat sandbox: the local Discord and Slack, the bots' API keys made afresh in the
 * workspace `chat-sandbox`, the Discord commands registered as `npm run discord:register` does.
 * With the returned config the process runs the real bots and deliveries against them as it
 * would against Discord and Slack (the gateway client, the Slack app at /slack/events, the
 * deliver worker). Undefined when not wanted.
 */
export async function startChatSandbox(config: Config, logger: Logger): Promise<ChatSandbox | undefined> {
  if (!sandboxWanted(config)) return undefined;
  const chat = await startLocalChat();
  try {
    const local = loadConfig({ ...localChatEnv(chat), DATA_DIR: config.dataDir });
    const sql = await connectSql(config.databaseUrl, { max: 1 });
    let keys: { discord: string; slack: string };
    try {
      // The server migrates too; the keys' table must exist first.
      await runMigrations(sql);
      keys = await botKeys(sql.db, "chat-sandbox", { fresh: true });
    } finally {
      await sql.close();
    }
    const { token = "", applicationId = "" } = local.discord;
    await registerCommands({ token, applicationId, apiUrl: local.discord.apiUrl, guildId: DISCORD_GUILD.id });
    chat.discord.addGuild({ ...DISCORD_GUILD, channelIds: discordChannelIds });
    logger.info("no DISCORD_TOKEN or SLACK_BOT_TOKEN: the bots run against a local Discord and Slack, at /sandbox");
    return {
      config: {
        ...config,
        discord: { ...config.discord, ...local.discord, botApiKey: keys.discord },
        slack: { ...config.slack, ...local.slack, botApiKey: keys.slack },
      },
      mount(app) {
        app.route("/sandbox", sandboxApp({ discord: chat.discord, slack: chat.slack, appFetch: async (path) => app.request(path) }));
        return { stop: async () => {} };
      },
      close: () => chat.close(),
    };
  } catch (err) {
    await chat.close();
    throw err;
  }
}
