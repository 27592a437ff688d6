import { type SlackApp, webApiMethod } from "./web-api.js";

/** auth.test: the workspace and bot user a token stands for. */
export function authRoutes(app: SlackApp) {
  webApiMethod(app, "auth.test", (c) => {
    const grant = c.get("grant");
    const teamId = grant.teamId ?? "T0FAKE";
    return c.json({
      ok: true,
      url: `https://team-${teamId.toLowerCase()}.slack.com/`,
      team: teamId,
      user: "content-bot",
      team_id: teamId,
      user_id: grant.botUserId,
      bot_id: grant.botId,
    });
  });
}
