import type { BlockAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { actionItemsText } from "../../../../shared/chat/locale/action-items.js";
import { noticeText } from "../../../../shared/chat/locale/notices.js";
import { notice } from "../../../../shared/chat/reply.js";
import { type SlackContext, clickOrigin } from "../../context.js";
import { itemView } from "../../item-view.js";
import { ephemeral } from "../../reply.js";

/** An action item chosen in a result's menu: the modal asking whom to send it to and when, opened within the trigger's 3 seconds. */
export async function openItemModal(
  ctx: SlackContext,
  { body, client, respond }: { body: BlockAction; client: WebClient; respond: RespondFn },
  target: { jobId: string; item: number },
): Promise<void> {
  const where = await clickOrigin(ctx, client, body, true);
  await client.views.open({ trigger_id: body.trigger_id, view: itemView(target.jobId, target.item, where) }).catch(async (err: unknown) => {
    ctx.logger.warn({ err }, "could not open the action item modal");
    const locale = where.locale ?? "en";
    await respond(ephemeral(notice(noticeText[locale].notOpened, actionItemsText[locale].notOpened))).catch(() => {});
  });
}
