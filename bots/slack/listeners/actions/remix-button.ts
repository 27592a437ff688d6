import type { BlockAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { loraChoices } from "../../../core/actions.js";
import { formFromJob } from "../../../core/generation-form.js";
import { type Invocation, type SlackContext, requestFor } from "../../context.js";
import { FORM_READ_MS, openWithin } from "../../form-window.js";
import { type ModalOrigin, generateView } from "../../modals.js";

/** Edit prompt & rerun: the generate form, prefilled from the result, opened within the click's 3 seconds. */
export async function openRemixForm(
  ctx: SlackContext,
  { body, client }: { body: BlockAction; client: WebClient },
  invocation: Invocation,
  jobId: string,
): Promise<undefined> {
  const api = requestFor(ctx, invocation).api;
  // Within the click's 3 seconds whatever the API costs: read late, the result and the LoRAs fill the form once it is open.
  const deadline = Date.now() + FORM_READ_MS;
  const reads = Promise.all([api.jobs.get.query({ jobId }), loraChoices(api, "")]);
  const locale = await ctx.users.localeSoon(client, body.user.id);
  const where: ModalOrigin = {
    channelId: invocation.channel_id,
    threadTs: invocation.thread_ts,
    responseUrl: body.response_url,
    ephemeral: Boolean(body.container?.is_ephemeral),
    locale,
  };
  await openWithin(
    client,
    body.trigger_id,
    reads,
    (read) => generateView(`remix:${jobId}`, read ? formFromJob(read[0]) : {}, where, read?.[1] ?? []),
    ctx.logger,
    deadline,
  );
  return undefined;
}
