import type { GlobalShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import type { SlackListener } from "../../context.js";
import { openFormAnywhere } from "../../open-form.js";

/** The global shortcut "Generate image", from anywhere: the form, with a conversation to post in. */
export const generateImage: SlackListener<SlackShortcutMiddlewareArgs<GlobalShortcut>> = async ({ ack, shortcut, client }, ctx) => {
  await ack();
  await openFormAnywhere(ctx, client, {
    team_id: shortcut.team?.id ?? shortcut.user.team_id ?? "",
    user_id: shortcut.user.id,
    user_name: shortcut.user.username,
    channel_id: "",
    trigger_id: shortcut.trigger_id,
    response_url: "",
  });
};
