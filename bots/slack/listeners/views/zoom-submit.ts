import type { SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { ZOOM_FACTOR_INPUT, ZOOM_PROMPT_INPUT, parseZoomModalId } from "../../../../shared/chat/job-buttons.js";
import { pictureToolsText } from "../../../../shared/chat/locale/picture-tools.js";
import { postToResponseUrl } from "../../../../shared/chat/response-url.js";
import { explain } from "../../../core/explain.js";
import { zoomByFactor, zoomFactorOf } from "../../../core/picture-tools.js";
import { type Invocation, type SlackListener, requestFor, submitInvocation } from "../../context.js";
import { parseModalOrigin } from "../../modals.js";
import { ephemeral, queued } from "../../reply.js";

/**
 * Custom Zoom's submit: a factor that cannot be is shown beside its field, the modal kept open and
 * nothing queued; else acked, and the clicker's zoom-out made, reported where the button was.
 */
export const zoomSubmit: SlackListener<SlackViewMiddlewareArgs<SlackViewAction>> = async ({ ack, body, view, client }, ctx) => {
  const target = parseZoomModalId(view.callback_id);
  const where = parseModalOrigin(view.private_metadata);
  const value = (block: string) => view.state.values[block]?.[block]?.value ?? "";
  const factor = value(ZOOM_FACTOR_INPUT);
  const locale = where.locale ?? ctx.users.knownLocale(body.user.id);
  if (!target || zoomFactorOf(factor) === undefined) {
    await ack({ response_action: "errors", errors: { [ZOOM_FACTOR_INPUT]: pictureToolsText[locale].zoom.badFactor(factor.slice(0, 20)) } });
    return;
  }
  await ack();
  const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await ctx.users.userOf(client, body.user.id)) };
  const respondTo = where.responseUrl;
  try {
    const started = await zoomByFactor(requestFor(ctx, invocation), target, { factor, prompt: value(ZOOM_PROMPT_INPUT) });
    const told = queued(started.jobId, where.ephemeral, invocation.locale);
    if (told && respondTo)
      await postToResponseUrl(respondTo, ephemeral(told)).catch((e: unknown) =>
        ctx.logger.warn({ err: e }, "could not tell the zoom's submitter"),
      );
  } catch (err) {
    ctx.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack custom zoom refused");
    // A view submission has no response URL of its own: the refusal goes through the button's.
    if (respondTo) await postToResponseUrl(respondTo, ephemeral(explain(err, invocation.locale))).catch(() => {});
  }
};
