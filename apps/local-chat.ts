import { type DiscordFake, startDiscordFake } from "../infra/fakes/discord/index.js";
import { type SlackFake, startSlackFake } from "../infra/fakes/slack/index.js";
import { createApiKey, ensureWorkspace, listApiKeys, revokeApiKey } from "../shared/db/sql/accounts.js";
import type { SqlDb } from "../shared/db/sql/client.js";

/**
 * The local Discord and Slack (infra/fakes/) and what points the real bots at them: the API
 * tests' chat stack and `npm start`'s chat sandbox both start them here, so both run the same
 * bot code against the same fakes.
 */
export interface LocalChat {
  discord: DiscordFake;
  slack: SlackFake;
  close(): Promise<void>;
}

export async function startLocalChat(): Promise<LocalChat> {
  const discord = await startDiscordFake();
  const slack = await startSlackFake().catch(async (err: unknown) => {
    await discord.close();
    throw err;
  });
  return {
    discord,
    slack,
    async close() {
      await discord.close();
      await slack.close();
    },
  };
}

/**
 * The environment that points the service at the fakes: Discord's REST and gateway, Slack's Web
 * API and signing secret, and either the one workspace's bot token or (`slackOAuth`) the install
 * flow's credentials. The bots' API keys are not in it: they live in the database (botKeys).
 */
export function localChatEnv(
  chat: LocalChat,
  opts: { slackOAuth?: { stateSecret: string; tokenKey: string } } = {},
): Record<string, string> {
  const { discord, slack } = chat;
  return {
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    SLACK_API_URL: slack.apiUrl,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    ...(opts.slackOAuth
      ? {
          SLACK_CLIENT_ID: slack.oauth.clientId,
          SLACK_CLIENT_SECRET: slack.oauth.clientSecret,
          SLACK_STATE_SECRET: opts.slackOAuth.stateSecret,
          SLACK_TOKEN_ENCRYPTION_KEY: opts.slackOAuth.tokenKey,
          SLACK_AUTHORIZE_URL: slack.authorizeUrl,
        }
      : { SLACK_BOT_TOKEN: slack.botToken }),
  };
}

/**
 * The two bots' keys for our API, as `npm run cli -- keys create --bot discord|slack` makes them,
 * in the workspace `slug`. `fresh`: the workspace's earlier keys are revoked first, for a process
 * that makes new ones at each start.
 */
export async function botKeys(db: SqlDb, slug: string, opts: { fresh?: boolean } = {}): Promise<{ discord: string; slack: string }> {
  const home = await ensureWorkspace(db, { slug });
  if (opts.fresh) for (const old of await listApiKeys(db, home.id)) await revokeApiKey(db, home.id, old.id);
  const make = async (platform: "discord" | "slack") =>
    (await createApiKey(db, { workspaceId: home.id, memberId: null, kind: "bot", platform, name: platform })).key;
  return { discord: await make("discord"), slack: await make("slack") };
}
