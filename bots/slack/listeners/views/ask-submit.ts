import type { SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { ASK_QUESTION_INPUT, askQuestionLength, parseAskModalId } from "../../../../shared/chat/job-buttons.js";
import { meetingButtonsText } from "../../../../shared/chat/locale/meeting-buttons.js";
import { postToResponseUrl } from "../../../../shared/chat/response-url.js";
import { askReply } from "../../../core/ask-reply.js";
import { explain } from "../../../core/explain.js";
import { type Invocation, type SlackListener, requestFor, submitInvocation } from "../../context.js";
import { parseModalOrigin } from "../../modals.js";
import { ephemeral } from "../../reply.js";

/**
 * An Ask modal's submit: closed at once (Slack's 3 seconds; the gateway takes longer), then the
 * answer, like /ask's, to the asker alone through the button's response URL.
 */
export const askSubmit: SlackListener<SlackViewMiddlewareArgs<SlackViewAction>> = async ({ ack, body, view, client }, ctx) => {
  const target = parseAskModalId(view.callback_id);
  const where = parseModalOrigin(view.private_metadata);
  const question = view.state.values[ASK_QUESTION_INPUT]?.[ASK_QUESTION_INPUT]?.value?.trim() ?? "";
  if (!target || question.length < askQuestionLength.min) {
    const t = meetingButtonsText[where.locale ?? ctx.users.knownLocale(body.user.id)].ask;
    await ack({ response_action: "errors", errors: { [ASK_QUESTION_INPUT]: t.question } });
    return;
  }
  await ack();
  const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await ctx.users.userOf(client, body.user.id)) };
  const respondTo = where.responseUrl;
  const reply = await askReply(requestFor(ctx, invocation).api, { jobId: target.jobId, question }, invocation.locale).catch(
    (err: unknown) => {
      ctx.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack ask refused");
      return explain(err, invocation.locale);
    },
  );
  // A view submission has no response URL of its own: the answer goes through the button's.
  if (respondTo)
    await postToResponseUrl(respondTo, ephemeral(reply)).catch((err: unknown) => ctx.logger.warn({ err }, "could not answer the ask"));
};
