import type { SlackActionMiddlewareArgs } from "@slack/bolt";
import type { SlackListener } from "../../context.js";

/**
 * The gallery link's URL button (and a video result's Download) opens its link in the browser, and
 * Slack still sends the click: acked, nothing else to do.
 */
export const galleryLinkClicked: SlackListener<SlackActionMiddlewareArgs> = async ({ ack }) => {
  await ack();
};
