import type { RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { parseJobButton } from "../../../../shared/chat/job-buttons.js";
import { type Invocation, type SlackListener, actorOf, threadOf } from "../../context.js";
import { answerAlone } from "../../reply.js";
import { openAskModal } from "./ask-button.js";
import { openEditModal } from "./edit-button.js";
import { openItemModal } from "./item-choice.js";
import { pressButton } from "./press-button.js";
import { openRemixForm } from "./remix-button.js";

/** Answers by DM, for a click in the App Home tab, which has no response URL. */
function respondByDm(client: WebClient, userId: string): RespondFn {
  return async (message) => {
    const m = typeof message === "string" ? { text: message } : (message as { text?: string; blocks?: unknown[] });
    return (await client.chat.postMessage({
      channel: userId,
      text: m.text ?? "",
      ...(m.blocks ? { blocks: m.blocks as never } : {}),
    })) as never;
  };
}

/**
 * A button on a job's message (`job:…`) or a listing's page (`page:…`), or a choice in a result's
 * picture menu (`pictures:…`), whose value is the id of the button it stands for. Edit, Custom
 * Zoom, Edit prompt & rerun and a transcript's Ask open a modal; every other answer only the clicker sees, but for
 * what it posts.
 */
export const messageButton: SlackListener<SlackActionMiddlewareArgs> = async (
  { ack, body, action, respond: respondInPlace, client },
  ctx,
) => {
  await ack();
  if (body.type !== "block_actions" || !("action_id" in action)) return;
  const respond = body.response_url ? respondInPlace : respondByDm(client, body.user.id);
  const id = action.type === "static_select" ? (action.selected_option?.value ?? "") : action.action_id;
  const edit = parseJobButton(id);
  if (edit?.action === "edit" || edit?.action === "zoom-custom") {
    await openEditModal(ctx, { body, client, respond }, { jobId: edit.jobId, image: edit.image, action: edit.action });
    return;
  }
  if (edit?.action === "item") {
    await openItemModal(ctx, { body, client, respond }, edit);
    return;
  }
  if (edit?.action === "ask") {
    await openAskModal(ctx, { body, client, respond }, edit.jobId);
    return;
  }
  const invocation: Invocation = {
    ...actorOf(body),
    channel_id: body.channel?.id ?? "",
    trigger_id: `${body.trigger_id}`,
    response_url: body.response_url,
    // Reruns and variations of a channel message reply in its thread; an ephemeral message has none.
    thread_ts: threadOf(body),
  };
  if (edit?.action === "remix") {
    // The form, prefilled from the result: one quick read, then the modal, within the trigger's 3 seconds.
    await answerAlone(ctx, respond, id, body.user.id, () => openRemixForm(ctx, { body, client }, invocation, edit.jobId));
    return;
  }
  // Jobs a click starts are written in the clicker's language; a form's opening waits for nothing.
  Object.assign(invocation, await ctx.users.userOf(client, body.user.id));
  await answerAlone(ctx, respond, id, body.user.id, () => pressButton(ctx, { body, client, respond }, invocation, id));
};
