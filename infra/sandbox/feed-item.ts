import { esc } from "../chat-render/html.js";
import { nameOf } from "./world.js";

/** One entry of a channel as the page lists it: a member's action, or a message of the bot. */
export interface FeedItem {
  at: number;
  html: string;
}

/** A member's command or click, shown to that member alone: the platforms show others only the bot's answers. */
export function actHtml(who: string, text: string): string {
  return `<div class="act"><span class="who">${esc(who)}</span> <code>${esc(text)}</code></div>`;
}

/** A message only the viewer sees: Discord's "Only you can see this", Slack's "Only visible to you". */
export function onlyYou(html: string, note: string): string {
  return `<div class="only-you">${html}<div class="note">${esc(note)}</div></div>`;
}

export const byTime = (items: FeedItem[]) => [...items].sort((a, b) => a.at - b.at);

export const userName = (id: string) => nameOf(id).toLowerCase();

/** Where the page loads a message's picture from: the sandbox's own route, which reads it from the fake or the app. */
export function pictureSrc(urlOrSlackFile: string): string {
  return /^F[A-Z0-9]+$/.test(urlOrSlackFile)
    ? `/sandbox/picture?slack=${encodeURIComponent(urlOrSlackFile)}`
    : `/sandbox/picture?u=${encodeURIComponent(urlOrSlackFile)}`;
}
