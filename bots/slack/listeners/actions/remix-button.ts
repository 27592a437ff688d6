import type { BlockAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { loraChoices } from "../../../core/actions.js";
import { formFromJob } from "../../../core/generation-form.js";
import { type Invocation, type SlackContext, requestFor } from "../../context.js";
import { type ModalOrigin, generateView } from "../../modals.js";

/** Edit prompt & rerun: the generate form, prefilled from the result, opened within the click's 3 seconds. */
export async function openRemixForm(
  ctx: SlackContext,
  { body, client }: { body: BlockAction; client: WebClient },
  invocation: Invocation,
  jobId: string,
): Promise<undefined> {
  const api = requestFor(ctx, invocation).api;
  const [job, loras, locale] = await Promise.all([
    api.jobs.get.query({ jobId }),
    loraChoices(api, ""),
    ctx.users.localeSoon(client, body.user.id),
  ]);
  const where: ModalOrigin = {
    channelId: invocation.channel_id,
    threadTs: invocation.thread_ts,
    responseUrl: body.response_url,
    ephemeral: Boolean(body.container?.is_ephemeral),
    locale,
  };
  await client.views.open({ trigger_id: body.trigger_id, view: generateView(`remix:${jobId}`, formFromJob(job), where, loras) });
  return undefined;
}
