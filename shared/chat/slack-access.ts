import type { Config } from "../config.js";
import { sealingKey } from "../crypto/sealed.js";
import type { SqlDb } from "../db/sql/client.js";
import { findSlackInstallation } from "../db/sql/slack-installations.js";

/** What the app may do in a Slack team: act with a bot token, or nothing, and why. */
export type SlackAccess =
  | { ok: true; botToken: string; botId?: string | undefined; botUserId?: string | undefined }
  | { ok: false; reason: "app uninstalled" | "app not installed" };

/**
 * Where the app's bot tokens come from. One workspace: SLACK_BOT_TOKEN, the same for any team.
 * Many (SLACK_CLIENT_ID set): each team's own, from its install through the OAuth flow, read for
 * every call so an uninstall seen by the web process stops a worker's deliveries at once.
 */
export interface SlackTokens {
  mode: "single" | "oauth";
  forTeam(teamId: string): Promise<SlackAccess>;
}

/** Undefined when Slack is not configured at all. */
export function slackTokens(config: Config, db: SqlDb): SlackTokens | undefined {
  const { oauth, botToken } = config.slack;
  if (oauth) {
    const key = sealingKey(oauth.tokenKey);
    return {
      mode: "oauth",
      async forTeam(teamId) {
        const found = await findSlackInstallation(db, key, teamId);
        if (!found) return { ok: false, reason: "app not installed" };
        if (found.state === "uninstalled") return { ok: false, reason: "app uninstalled" };
        return { ok: true, botToken: found.botToken, botId: found.botId ?? undefined, botUserId: found.botUserId ?? undefined };
      },
    };
  }
  if (!botToken) return undefined;
  return { mode: "single", forTeam: async () => ({ ok: true, botToken }) };
}
