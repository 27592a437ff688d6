import type { BlockAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { noticeText } from "../../../../shared/chat/locale/notices.js";
import { notice } from "../../../../shared/chat/reply.js";
import { type SlackContext, clickOrigin } from "../../context.js";
import { editView, zoomView } from "../../modals.js";
import { ephemeral } from "../../reply.js";

/**
 * A picture's Edit or Custom Zoom (a button, or a menu's choice): the modal that asks for the edit
 * or the factor. The trigger id opens a modal once, within 3 seconds of the click: nothing is read
 * first but the clicker's language.
 */
export async function openEditModal(
  ctx: SlackContext,
  { body, client, respond }: { body: BlockAction; client: WebClient; respond: RespondFn },
  edit: { jobId: string; image: number; action?: "edit" | "zoom-custom" },
): Promise<void> {
  const where = await clickOrigin(ctx, client, body);
  await client.views
    .open({ trigger_id: body.trigger_id, view: (edit.action === "zoom-custom" ? zoomView : editView)(edit.jobId, edit.image, where) })
    .catch(async (err: unknown) => {
      ctx.logger.warn({ err }, "could not open the edit modal");
      const said = noticeText[where.locale ?? "en"];
      await respond(ephemeral(notice(said.notOpened, said.editNotOpened))).catch(() => {});
    });
}
