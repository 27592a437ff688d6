import type { PublicJob } from "../jobs/view.js";
import { jobButton } from "./job-buttons.js";
import type { ChatLocale } from "./locale/languages.js";
import { meetingButtonsText } from "./locale/meeting-buttons.js";
import type { ReplyButton } from "./reply.js";

/** A finished transcript's Ask (a modal for a question) and, when it has notes, Chapters: both answer the clicker alone. */
export function meetingButtons(job: PublicJob, locale: ChatLocale): ReplyButton[] {
  const t = meetingButtonsText[locale].buttons;
  const hasNotes = job.files.some((f) => f.fileName === "notes.json");
  return [
    { id: jobButton("ask", job.jobId), label: t.ask, style: "primary" },
    ...(hasNotes ? [{ id: jobButton("chapters", job.jobId), label: t.chapters }] : []),
  ];
}
