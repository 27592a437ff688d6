import type { NotesFile } from "../meeting/notes-schema.js";
import { ACTION_ITEMS_MAX, actionItemChoice, actionItemsMenuId } from "./job-buttons.js";
import { actionItemsText } from "./locale/action-items.js";
import type { ChatLocale } from "./locale/languages.js";
import { type ReplyMenu, truncate } from "./reply.js";

/** Slack's option text: at most 75 characters. */
const OPTION_CHARS = 75;

/** A Slack result's menu of its notes' action items, each choice opening the form that sends it to its owner; none without items. */
export function actionItemsMenu(jobId: string, notes: Pick<NotesFile, "actionItems">, locale: ChatLocale): ReplyMenu | undefined {
  if (notes.actionItems.length === 0) return undefined;
  return {
    id: actionItemsMenuId(jobId),
    placeholder: actionItemsText[locale].menu,
    options: notes.actionItems.slice(0, ACTION_ITEMS_MAX).map((a, i) => ({
      label: truncate(`${a.owner ? `${a.owner}: ` : ""}${a.text}`, OPTION_CHARS),
      value: actionItemChoice(jobId, i + 1),
    })),
  };
}
