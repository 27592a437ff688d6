import type { SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { postToResponseUrl } from "../../../../shared/chat/response-url.js";
import { parseGenerateModalId } from "../../../../shared/chat/job-buttons.js";
import { inputText } from "../../../../shared/chat/locale/refusals.js";
import { toSlackMessage } from "../../../../shared/chat/slack-message.js";
import { explain } from "../../../core/explain.js";
import { FormFieldError, type GenerationForm, readForm, startFromForm } from "../../../core/generation-form.js";
import { type Invocation, type SlackListener, requestFor, submitInvocation } from "../../context.js";
import { type ModalOrigin, parseModalOrigin } from "../../modals.js";
import { ephemeral, queued } from "../../reply.js";

/** The form's blocks, by the form field each holds. */
const blockOfField: Record<keyof GenerationForm, string> = {
  prompt: "prompt",
  size: "size_custom",
  count: "count",
  seed: "seed",
  model: "model",
  lora: "lora",
  loraScale: "lora_strength",
};

/** The form as its submit filled it in. */
function formOf(view: SlackViewAction["view"]): GenerationForm {
  const values = view.state.values;
  const text = (block: string) => values[block]?.[block]?.value ?? undefined;
  const picked = (block: string) => values[block]?.[block]?.selected_option?.value ?? undefined;
  return {
    prompt: text("prompt") ?? "",
    size: text("size_custom") || picked("size"),
    count: picked("count"),
    seed: text("seed"),
    model: picked("model"),
    lora: picked("lora"),
    loraScale: text("lora_strength"),
  };
}

/**
 * The generate form's submit (from /generate, a shortcut, App Home, or Edit prompt & rerun):
 * mistakes shown beside their fields, else acked and the job made.
 */
export const generateSubmit: SlackListener<SlackViewMiddlewareArgs<SlackViewAction>> = async ({ ack, body, view, client }, ctx) => {
  const target = parseGenerateModalId(view.callback_id);
  const form = formOf(view);
  const origin = parseModalOrigin(view.private_metadata);
  // Opened from a shortcut: the conversation picked in the form, with the response URL Slack gives for it; none picked, the asker's DM.
  const chosen = (body as { response_urls?: Array<{ channel_id: string; response_url: string }> }).response_urls?.[0];
  const locale = origin.locale ?? ctx.users.knownLocale(body.user.id);
  const where: ModalOrigin = origin.channelId
    ? origin
    : chosen
      ? { channelId: chosen.channel_id, responseUrl: chosen.response_url, ephemeral: false, locale }
      : { channelId: body.user.id, ephemeral: true, locale };
  // The form's own mistakes show beside their fields, at once, in the form's language; Slack waits 3 seconds for this answer, so the job is made after it.
  try {
    readForm(form);
  } catch (err) {
    if (!(err instanceof FormFieldError)) throw err;
    await ack({ response_action: "errors", errors: { [blockOfField[err.field]]: err.say(inputText[locale]) } });
    return;
  }
  await ack();
  const invocation: Invocation = { ...submitInvocation(body, view.id, where), ...(await ctx.users.userOf(client, body.user.id)) };
  try {
    const api = requestFor(ctx, invocation).api;
    // A remix is as private as the result it came from, wherever that result was shown (a DM included).
    const remixOf = target?.remixOf ? await api.jobs.get.query({ jobId: target.remixOf }) : undefined;
    const isPrivate = (target?.private ?? false) || where.ephemeral || remixOf?.visibility === "private";
    const started = await startFromForm(requestFor(ctx, invocation), form, isPrivate);
    const told = queued(started.jobId, isPrivate, invocation.locale);
    // The job is made: a notice Slack does not take changes nothing about it.
    if (told && where.responseUrl)
      await postToResponseUrl(where.responseUrl, ephemeral(told)).catch((e: unknown) =>
        ctx.logger.warn({ err: e }, "could not tell the form's submitter"),
      );
  } catch (err) {
    ctx.logger.info({ reason: err instanceof Error ? err.message : String(err) }, "slack generate form refused");
    // Through the conversation's response URL, or, from a shortcut with none, by DM: never silently.
    const refusal = explain(err, invocation.locale);
    const told = where.responseUrl
      ? postToResponseUrl(where.responseUrl, ephemeral(refusal))
      : client.chat.postMessage({ channel: body.user.id, ...toSlackMessage(refusal) });
    await told.catch((e: unknown) => ctx.logger.warn({ err: e }, "could not tell the form's submitter"));
  }
};
