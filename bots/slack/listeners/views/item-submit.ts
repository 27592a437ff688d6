import type { SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { ITEM_OWNER_INPUT, ITEM_WHEN_INPUT, type ItemDelay, itemDelays, parseItemModalId } from "../../../../shared/chat/job-buttons.js";
import { actionItemsText } from "../../../../shared/chat/locale/action-items.js";
import { type ChatReply, notice } from "../../../../shared/chat/reply.js";
import { postToResponseUrl } from "../../../../shared/chat/response-url.js";
import { toSlackMessage } from "../../../../shared/chat/slack-message.js";
import { explain } from "../../../core/explain.js";
import { notesOfJob } from "../../../core/notes-file.js";
import { type Invocation, type SlackListener, requestFor, submitInvocation } from "../../context.js";
import { parseModalOrigin } from "../../modals.js";
import { ephemeral } from "../../reply.js";

/**
 * An action item's modal submitted: the item goes to the chosen member's DM with the bot
 * (conversations.open, im:write), now by chat.postMessage or later by chat.scheduleMessage, since
 * a bot token cannot set a reminder for someone (reminders.add takes a user token). Closed at once;
 * the submitter is told through the menu's response URL.
 */
export const itemSubmit: SlackListener<SlackViewMiddlewareArgs<SlackViewAction>> = async ({ ack, body, view, client }, ctx) => {
  const target = parseItemModalId(view.callback_id);
  const where = parseModalOrigin(view.private_metadata);
  const t = actionItemsText[where.locale ?? ctx.users.knownLocale(body.user.id)];
  const owner = view.state.values[ITEM_OWNER_INPUT]?.[ITEM_OWNER_INPUT]?.selected_user ?? "";
  const when = view.state.values[ITEM_WHEN_INPUT]?.[ITEM_WHEN_INPUT]?.selected_option?.value ?? "now";
  if (!target || !owner || !(when in itemDelays)) {
    await ack({ response_action: "errors", errors: { [ITEM_OWNER_INPUT]: t.ownerPlaceholder } });
    return;
  }
  await ack();
  const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await ctx.users.userOf(client, body.user.id)) };
  const told = await sendItem(invocation, target, owner, itemDelays[when as ItemDelay]).catch((err: unknown) => {
    ctx.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack action item not sent");
    const slackError = (err as { data?: { error?: unknown } }).data?.error;
    return slackError === "missing_scope" ? notice(t.title, t.needsScope) : explain(err, invocation.locale);
  });
  if (where.responseUrl)
    await postToResponseUrl(where.responseUrl, ephemeral(told)).catch((err: unknown) =>
      ctx.logger.warn({ err }, "could not tell the action item's sender"),
    );

  async function sendItem(v: Invocation, item: { jobId: string; item: number }, user: string, delay: number): Promise<ChatReply> {
    const found = await notesOfJob(requestFor(ctx, v).api, item.jobId);
    const chosen = found?.notes.actionItems[item.item - 1];
    if (!chosen) return notice(t.title, t.gone);
    // Written in the sender's language, as the modal was.
    const message = toSlackMessage(
      { title: t.title, tone: "info", lines: [t.message(chosen.text, chosen.owner, item.jobId)] },
      { images: false },
    );
    const dm = await client.conversations.open({ users: user });
    const channel = dm.channel?.id ?? "";
    if (delay === 0) {
      await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
      return notice(t.title, t.sent, "success");
    }
    const postAt = Math.floor(Date.now() / 1000) + delay;
    await client.chat.scheduleMessage({ channel, post_at: postAt, ...message, unfurl_links: false });
    return notice(
      t.title,
      t.scheduled(
        new Date(postAt * 1000)
          .toISOString()
          .replace(/:\d\d\.\d+Z$/, " UTC")
          .replace("T", " "),
      ),
      "success",
    );
  }
};
