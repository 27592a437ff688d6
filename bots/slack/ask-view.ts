import { ASK_QUESTION_INPUT, askModalId, askQuestionLength } from "../../shared/chat/job-buttons.js";
import { meetingButtonsText } from "../../shared/chat/locale/meeting-buttons.js";
import type { ModalOrigin } from "./modals.js";

/** The modal a transcript's Ask button opens: one question, as long as jobs.ask takes it. */
export function askView(jobId: string, where: ModalOrigin) {
  const t = meetingButtonsText[where.locale ?? "en"].ask;
  const plain = (text: string) => ({ type: "plain_text" as const, text });
  return {
    type: "modal" as const,
    callback_id: askModalId(jobId),
    private_metadata: JSON.stringify(where),
    title: plain(t.title),
    submit: plain(t.submit),
    close: plain(t.cancel),
    blocks: [
      {
        type: "input" as const,
        block_id: ASK_QUESTION_INPUT,
        label: plain(t.question),
        element: {
          type: "plain_text_input" as const,
          action_id: ASK_QUESTION_INPUT,
          multiline: true,
          min_length: askQuestionLength.min,
          max_length: askQuestionLength.max,
          placeholder: plain(t.placeholder),
        },
      },
    ],
  };
}
