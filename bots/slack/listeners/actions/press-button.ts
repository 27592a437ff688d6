import type { BlockAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseJobButton } from "../../../../shared/chat/job-buttons.js";
import { noticeText } from "../../../../shared/chat/locale/notices.js";
import { type ChatReply, notice } from "../../../../shared/chat/reply.js";
import { toSlackMessage } from "../../../../shared/chat/slack-message.js";
import { pressJobButton } from "../../../core/actions.js";
import { assetsReply, parseAssetsPageButton } from "../../../core/views.js";
import { type Invocation, type SlackContext, requestFor } from "../../context.js";
import { queued } from "../../reply.js";

/**
 * A listing's next page, shown in place of the listing, or a job's button pressed: what it posts
 * goes where it belongs, and the clicker is told the rest.
 */
export async function pressButton(
  ctx: SlackContext,
  { body, client, respond }: { body: BlockAction; client: WebClient; respond: RespondFn },
  invocation: Invocation,
  actionId: string,
): Promise<ChatReply | undefined> {
  const locale = invocation.locale ?? "en";
  const said = noticeText[locale];
  const page = parseAssetsPageButton(actionId);
  if (page) {
    await respond({ replace_original: true, ...toSlackMessage(await assetsReply(requestFor(ctx, invocation).api, page, locale)) });
    return undefined;
  }
  const job = parseJobButton(actionId);
  if (!job) return notice(said.notSupported, said.buttonGone);
  // A private result that came by DM has no channel to share into from there: nothing is changed.
  if (job.action === "share" && invocation.channel_id.startsWith("D")) return notice(said.notShared, said.shareFromChannel);
  const result = await pressJobButton(requestFor(ctx, invocation), job);
  if (result.kind === "post") {
    if (result.where === "channel") {
      // In the conversation the button was in, through the click's response_url: Slack takes it there even where the bot is not a member.
      const shown = await respond({ response_type: "in_channel", replace_original: false, ...toSlackMessage(result.reply) }).then(
        () => true,
        () => false,
      );
      // Pictures Slack cannot fetch (a local setup) refuse the message: it goes again with their links.
      if (!shown)
        await respond({ response_type: "in_channel", replace_original: false, ...toSlackMessage(result.reply, { images: false }) });
      return undefined;
    }
    // A bot's message to a user id arrives in its DM with them.
    await client.chat.postMessage({
      channel: invocation.user_id,
      ...toSlackMessage(result.reply, { images: false }),
      unfurl_links: false,
      unfurl_media: false,
    });
    return notice(said.sent, said.inYourDms, "success");
  }
  // Vary (Region)'s sign-in link: to the clicker alone, beside the result.
  if (result.kind === "alone") return result.reply;
  return result.kind === "done"
    ? notice(said.done, result.message, "success")
    : queued(result.started.jobId, Boolean(body.container?.is_ephemeral), locale);
}
