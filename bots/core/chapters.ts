import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { meetingButtonsText } from "../../shared/chat/locale/meeting-buttons.js";
import { type ChatReply, truncate } from "../../shared/chat/reply.js";
import { notesAnswer } from "../../shared/meeting/notes-schema.js";
import { clockOf, momentPath } from "../../shared/meeting-search/moment.js";
import type { Api } from "../api-client.js";

/** Chapters a chat answer lists; notes.md holds them all. */
const CHAPTERS = 20;
const TITLE_CHARS = 100;
const SUMMARY_CHARS = 140;
/** The signed file links are `<base>/d/<token>`: the gallery's pages live under the same base. */
const FILE_LINK = /\/d\/[^/]+$/;

/**
 * A transcript's Chapters button: the notes' chapters with their start times, each a link to that
 * moment on the gallery's page of the meeting (its audio plays from there). For the clicker alone.
 */
export async function chaptersReply(api: Api, jobId: string, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = meetingButtonsText[locale].chapters;
  const job = await api.jobs.get.query({ jobId });
  const file = job.files.find((f) => f.fileName === "notes.json");
  if (!file) return { title: t.title, tone: "info", lines: [t.noNotes] };
  // notes.json through the job's own signed link: the same file a member downloads.
  const res = await fetch(file.url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`notes.json of job ${jobId} answered ${res.status}`);
  const chapters = notesAnswer.shape.chapters.parse(((await res.json()) as { chapters?: unknown }).chapters ?? []);
  if (chapters.length === 0) return { title: t.title, tone: "info", lines: [t.none] };
  const base = file.url.replace(FILE_LINK, "");
  const links = chapters.slice(0, CHAPTERS).map((c) => ({
    label: `${clockOf(c.start)} · ${truncate(c.title, TITLE_CHARS)}${c.summary ? ` — ${truncate(c.summary, SUMMARY_CHARS)}` : ""}`,
    url: `${base}${momentPath(jobId, c.start)}`,
  }));
  const hidden = chapters.length - links.length;
  return { title: t.title, tone: "info", lines: [], links, more: t.more, ...(hidden > 0 ? { footer: t.more(hidden) } : {}) };
}
