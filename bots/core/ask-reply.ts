import { askReplyText } from "../../shared/chat/locale/meeting.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import { clock } from "../../shared/meeting/transcript-lines.js";
import type { Api } from "../api-client.js";

/** Kept well inside a Discord embed's 4096 and a Slack section's 3000 characters, with the quotes below it. */
const ANSWER_CHARS = 1500;
const QUOTE_CHARS = 280;
const QUOTES = 5;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `/ask`: jobs.ask's answer, then the lines it quotes with time and speaker, shown only to the asker. */
export async function askReply(api: Api, input: { jobId: string; question: string }, locale: ChatLocale = "en"): Promise<ChatReply> {
  const t = askReplyText[locale];
  const asked = await api.jobs.ask.mutate(input);
  const quotes = asked.quotes
    .slice(0, QUOTES)
    .map((q) => `> ${clock(q.start)} ${q.speaker ?? t.unknownSpeaker}: “${cut(q.text, QUOTE_CHARS)}”`);
  if (asked.quotes.length > QUOTES) quotes.push(t.moreQuotes(asked.quotes.length - QUOTES));
  return {
    title: t.title,
    tone: "info",
    lines: [cut(asked.answer, ANSWER_CHARS), ...(quotes.length > 0 ? quotes : [t.noQuotes])],
  };
}
