import type { SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { postToResponseUrl } from "../../../../shared/chat/response-url.js";
import { EDIT_INSTRUCTION_INPUT, parseEditModalId } from "../../../../shared/chat/job-buttons.js";
import { inputText } from "../../../../shared/chat/locale/refusals.js";
import { editPicture } from "../../../core/actions.js";
import { explain } from "../../../core/explain.js";
import { type Invocation, type SlackListener, requestFor, submitInvocation } from "../../context.js";
import { parseModalOrigin } from "../../modals.js";
import { ephemeral, queued } from "../../reply.js";

/** An Edit modal's submit: the clicker's edit, reported where the button was (its thread, or to them alone). */
export const editSubmit: SlackListener<SlackViewMiddlewareArgs<SlackViewAction>> = async ({ ack, body, view, client }, ctx) => {
  const target = parseEditModalId(view.callback_id);
  const where = parseModalOrigin(view.private_metadata);
  const instruction = view.state.values[EDIT_INSTRUCTION_INPUT]?.[EDIT_INSTRUCTION_INPUT]?.value?.trim() ?? "";
  if (!target || !instruction) {
    await ack({
      response_action: "errors",
      errors: { [EDIT_INSTRUCTION_INPUT]: inputText[where.locale ?? ctx.users.knownLocale(body.user.id)].sayWhatToChange },
    });
    return;
  }
  await ack();
  const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await ctx.users.userOf(client, body.user.id)) };
  const request = requestFor(ctx, invocation);
  const respondTo = where.responseUrl;
  try {
    const started = await editPicture(request, target, instruction);
    const told = queued(started.jobId, where.ephemeral, invocation.locale);
    if (told && respondTo)
      await postToResponseUrl(respondTo, ephemeral(told)).catch((e: unknown) =>
        ctx.logger.warn({ err: e }, "could not tell the edit's submitter"),
      );
  } catch (err) {
    ctx.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack edit refused");
    // A view submission has no response URL of its own: the refusal goes through the button's.
    if (respondTo) await postToResponseUrl(respondTo, ephemeral(explain(err, invocation.locale))).catch(() => {});
  }
};
