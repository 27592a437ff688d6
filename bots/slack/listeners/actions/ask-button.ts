import type { BlockAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { meetingButtonsText } from "../../../../shared/chat/locale/meeting-buttons.js";
import { noticeText } from "../../../../shared/chat/locale/notices.js";
import { notice } from "../../../../shared/chat/reply.js";
import { askView } from "../../ask-view.js";
import { type SlackContext, clickOrigin } from "../../context.js";
import { ephemeral } from "../../reply.js";

/**
 * A transcript's Ask: the modal that takes the question. The trigger id opens a modal once,
 * within 3 seconds of the click: nothing is read first but the clicker's language.
 */
export async function openAskModal(
  ctx: SlackContext,
  { body, client, respond }: { body: BlockAction; client: WebClient; respond: RespondFn },
  jobId: string,
): Promise<void> {
  const where = await clickOrigin(ctx, client, body, true);
  await client.views.open({ trigger_id: body.trigger_id, view: askView(jobId, where) }).catch(async (err: unknown) => {
    ctx.logger.warn({ err }, "could not open the ask modal");
    const locale = where.locale ?? "en";
    await respond(ephemeral(notice(noticeText[locale].notOpened, meetingButtonsText[locale].ask.notOpened))).catch(() => {});
  });
}
