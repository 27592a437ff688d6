import type { SlackActionMiddlewareArgs } from "@slack/bolt";
import { toSlackMessage } from "../../../../shared/chat/slack-message.js";
import { explain } from "../../../core/explain.js";
import { galleryLinkReply } from "../../../core/gallery.js";
import { type SlackListener, type Invocation, actorOf, requestFor } from "../../context.js";

/**
 * The App Home tab's Open the gallery: a link made at the click (a link in the tab itself would be
 * used up or expired), sent by DM, the only place the App Home tab can answer one user.
 */
export const homeGallery: SlackListener<SlackActionMiddlewareArgs> = async ({ ack, body, client }, ctx) => {
  await ack();
  if (body.type !== "block_actions") return;
  const invocation: Invocation = {
    ...actorOf(body),
    channel_id: "",
    trigger_id: body.trigger_id,
    response_url: "",
    ...(await ctx.users.userOf(client, body.user.id)),
  };
  const reply = await galleryLinkReply(requestFor(ctx, invocation).api, invocation.locale).catch((err: unknown) => {
    ctx.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack gallery link refused");
    return explain(err, invocation.locale);
  });
  await client.chat
    .postMessage({ channel: body.user.id, ...toSlackMessage(reply), unfurl_links: false, unfurl_media: false })
    .catch((err: unknown) => ctx.logger.warn({ err }, "could not send the gallery link"));
};
