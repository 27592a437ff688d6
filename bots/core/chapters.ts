import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { meetingButtonsText } from "../../shared/chat/locale/meeting-buttons.js";
import { type ChatReply, truncate } from "../../shared/chat/reply.js";
import { clockOf, momentPath } from "../../shared/meeting-search/moment.js";
import type { Api } from "../api-client.js";
import { notesOfJob } from "./notes-file.js";

/** Chapters a chat answer lists; notes.md holds them all. */
const CHAPTERS = 20;
const TITLE_CHARS = 100;
const SUMMARY_CHARS = 140;

/**
 * A transcript's Chapters button: the notes' chapters with their start times, each a link to that
 * moment on the gallery's page of the meeting (its audio plays from there). For the clicker alone.
 */
export async function chaptersReply(api: Api, jobId: string, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = meetingButtonsText[locale].chapters;
  const found = await notesOfJob(api, jobId);
  if (!found) return { title: t.title, tone: "info", lines: [t.noNotes] };
  const { chapters } = found.notes;
  if (chapters.length === 0) return { title: t.title, tone: "info", lines: [t.none] };
  const links = chapters.slice(0, CHAPTERS).map((c) => ({
    label: `${clockOf(c.start)} · ${truncate(c.title, TITLE_CHARS)}${c.summary ? ` — ${truncate(c.summary, SUMMARY_CHARS)}` : ""}`,
    url: `${found.base}${momentPath(jobId, c.start)}`,
  }));
  const hidden = chapters.length - links.length;
  return { title: t.title, tone: "info", lines: [], links, more: t.more, ...(hidden > 0 ? { footer: t.more(hidden) } : {}) };
}
