import type { SlackEventMiddlewareArgs } from "@slack/bolt";
import { platformUserId } from "../../../../shared/chat/actor.js";
import { type Invocation, type SlackListener, requestFor } from "../../context.js";
import { homeView } from "../../home.js";

/** The App Home tab, drawn afresh each time the user opens it. */
export const appHomeOpened: SlackListener<SlackEventMiddlewareArgs<"app_home_opened">> = async ({ event, body, client }, ctx) => {
  if (event.tab !== "home") return;
  const invocation: Invocation = {
    team_id: body.team_id,
    user_id: event.user,
    channel_id: "",
    trigger_id: `home-${event.event_ts}`,
    response_url: "",
    ...(await ctx.users.userOf(client, event.user)),
  };
  const api = requestFor(ctx, invocation).api;
  await client.views.publish({ user_id: event.user, view: await homeView(api, platformUserId("slack", event.user), invocation.locale) });
};
