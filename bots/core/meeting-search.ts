import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { meetingSearchText } from "../../shared/chat/locale/meeting-search.js";
import { type ChatReply, truncate } from "../../shared/chat/reply.js";
import { clockOf } from "../../shared/meeting-search/moment.js";
import type { Api } from "../api-client.js";

/** Hits a chat answer shows: each a line of quote, and the gallery's page has the rest. */
const HITS = 5;
/** Discord's limit on a link button's url (Message Components: "Max 512 characters"). */
const BUTTON_URL_MAX = 512;

/**
 * `/search <words>`: the team's meetings, each hit a link to its moment in the gallery, labelled
 * with time, speaker, recording and the quote. Only the asker sees it: a private meeting is theirs.
 */
export async function meetingSearchReply(api: Api, query: string, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = meetingSearchText[locale];
  const found = await api.transcripts.search.query({ query, limit: HITS });
  const title = t.title(truncate(query.trim(), 80));
  if (found.hits.length === 0) return { title, tone: "info", lines: [t.none] };
  const links = found.hits.map((h) => ({
    label: `${clockOf(h.start)} · ${h.speaker ? `${h.speakerName ? truncate(h.speakerName, 40) : t.speaker(h.speaker)} · ` : ""}${truncate(h.fileName, 40)} — “${truncate(h.quote, 160)}”`,
    url: h.link,
  }));
  const first = found.hits[0]?.link ?? "";
  const all = `${first.slice(0, first.indexOf("/app/"))}/app/meetings?${new URLSearchParams({ q: query.trim() })}`;
  return {
    title,
    tone: "info",
    lines: [],
    links,
    more: t.more,
    ...(all.length <= BUTTON_URL_MAX && found.nextCursor ? { buttons: [{ id: "meetings:all", label: t.allHits, url: all }] } : {}),
  };
}
