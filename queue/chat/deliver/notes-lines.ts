import type { ChatLocale } from "../../../shared/chat/locale/languages.js";
import { notesReplyText } from "../../../shared/chat/locale/meeting.js";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { NotesFile } from "../../../shared/meeting/notes-schema.js";
import type { Storage } from "../../../shared/storage/client.js";
import { readObject } from "../../../shared/storage/objects.js";

/** Within a Discord embed's 4096 and a Slack section's 3000 characters beside the rest of the result: the whole notes are notes.md. */
const SUMMARY_CHARS = 500;
const ITEM_CHARS = 160;
const ITEMS = 5;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** A finished transcription's notes, if it has any and is not deleted. */
export async function readNotes(storage: Storage, job: JobDocument): Promise<NotesFile | undefined> {
  if (job.deletedAt || job.status !== "completed" || !job.notes?.json) return undefined;
  return JSON.parse((await readObject(storage, job.notes.json)).toString("utf8")) as NotesFile;
}

/** The summary and first action items (with their owners), as lines of a transcription's result; none without notes. */
export function notesLines(notes: NotesFile | undefined, locale: ChatLocale = "en"): string[] {
  if (!notes) return [];
  const t = notesReplyText[locale];
  const lines = notes.summary ? [`${t.summary}: ${cut(notes.summary, SUMMARY_CHARS)}`] : [];
  if (notes.actionItems.length > 0) {
    lines.push(`${t.actionItems}:`);
    for (const a of notes.actionItems.slice(0, ITEMS)) lines.push(`• ${cut(a.text, ITEM_CHARS)}${a.owner ? ` (${a.owner})` : ""}`);
    if (notes.actionItems.length > ITEMS) lines.push(t.moreItems(notes.actionItems.length - ITEMS));
  }
  return lines;
}
