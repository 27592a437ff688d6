import type { NotesFile } from "../meeting/notes-schema.js";
import type { Passage } from "./passages.js";

/**
 * A meeting's notes as passages, a second source beside the transcript: the summary at the
 * start, each action item and decision at the line it quotes (with that line's speaker), each
 * chapter over its span. A hit in them opens the recording where the notes point.
 */
export function notesPassages(notes: Pick<NotesFile, "summary" | "actionItems" | "decisions" | "chapters">): Passage[] {
  const out: Passage[] = [];
  if (notes.summary.trim()) out.push({ speaker: null, start: 0, end: 0, text: notes.summary.trim() });
  for (const a of notes.actionItems)
    out.push({ speaker: a.quote.speaker, start: a.quote.start, end: a.quote.end, text: `${a.text} “${a.quote.text}”` });
  for (const d of notes.decisions)
    out.push(
      d.quote
        ? { speaker: d.quote.speaker, start: d.quote.start, end: d.quote.end, text: `${d.text} “${d.quote.text}”` }
        : { speaker: null, start: 0, end: 0, text: d.text },
    );
  for (const c of notes.chapters) out.push({ speaker: null, start: c.start, end: c.end, text: `${c.title}: ${c.summary}` });
  return out;
}
