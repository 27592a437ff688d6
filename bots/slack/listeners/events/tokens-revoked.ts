import type { SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackListener } from "../../context.js";
import { eventTime } from "./event-time.js";

/** Tokens revoked in a team: when the bot's is among them, the app is as good as uninstalled there. */
export const tokensRevoked: SlackListener<SlackEventMiddlewareArgs<"tokens_revoked">> = async ({ event, body }, ctx) => {
  // Users' tokens are not ours to keep; only the bot's matters.
  if (!event.tokens.bot?.length) return;
  ctx.logger.info({ teamId: body.team_id }, "the app's bot token was revoked in a Slack team");
  await ctx.onUninstalled?.(body.team_id, eventTime(body.event_time));
};
