import type { SlackActionMiddlewareArgs } from "@slack/bolt";
import { type SlackListener, actorOf } from "../../context.js";
import { openFormAnywhere } from "../../open-form.js";

/** The App Home tab's Generate images: the form, with a conversation to post in. */
export const homeGenerate: SlackListener<SlackActionMiddlewareArgs> = async ({ ack, body, client }, ctx) => {
  await ack();
  if (body.type !== "block_actions") return;
  await openFormAnywhere(ctx, client, { ...actorOf(body), channel_id: "", trigger_id: body.trigger_id, response_url: "" });
};
