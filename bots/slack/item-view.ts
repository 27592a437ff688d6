import { ITEM_OWNER_INPUT, ITEM_WHEN_INPUT, type ItemDelay, itemDelays, itemModalId } from "../../shared/chat/job-buttons.js";
import { actionItemsText } from "../../shared/chat/locale/action-items.js";
import type { ModalOrigin } from "./modals.js";

/** The modal an action item's choice opens: whom to send it to (a member of the workspace) and when it reaches their DM. */
export function itemView(jobId: string, item: number, where: ModalOrigin) {
  const t = actionItemsText[where.locale ?? "en"];
  const plain = (text: string) => ({ type: "plain_text" as const, text });
  const options = (Object.keys(itemDelays) as ItemDelay[]).map((d) => ({ text: plain(t.delays[d]), value: d }));
  return {
    type: "modal" as const,
    callback_id: itemModalId(jobId, item),
    private_metadata: JSON.stringify(where),
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.cancel),
    blocks: [
      {
        type: "input" as const,
        block_id: ITEM_OWNER_INPUT,
        label: plain(t.owner),
        element: { type: "users_select" as const, action_id: ITEM_OWNER_INPUT, placeholder: plain(t.ownerPlaceholder) },
      },
      {
        type: "input" as const,
        block_id: ITEM_WHEN_INPUT,
        label: plain(t.when),
        element: { type: "static_select" as const, action_id: ITEM_WHEN_INPUT, options, initial_option: options[0] },
      },
    ],
  };
}
