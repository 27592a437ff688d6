import type { SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackListener } from "../../context.js";
import { eventTime } from "./event-time.js";

/** The app was removed from a team: its token is forgotten. */
export const appUninstalled: SlackListener<SlackEventMiddlewareArgs<"app_uninstalled">> = async ({ body }, ctx) => {
  ctx.logger.info({ teamId: body.team_id }, "the app was uninstalled from a Slack team");
  await ctx.onUninstalled?.(body.team_id, eventTime(body.event_time));
};
