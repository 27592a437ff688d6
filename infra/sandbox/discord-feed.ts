import { type DiscordMessageBody, discordMessageHtml } from "../chat-render/discord.js";
import { type ControlView, type MenuView, esc } from "../chat-render/html.js";
import type { DiscordFake, StoredMessage } from "../fakes/discord/index.js";
import type { Activity } from "./activity.js";
import { type FeedItem, actHtml, byTime, onlyYou, pictureSrc, userName } from "./feed-item.js";
import { type Teammate, teammate } from "./world.js";

/** A Discord channel as a teammate's client shows it: what members did, the bot's answers (its ephemeral ones to their asker only) and its posts. */

const EPHEMERAL = 64;
const LINK_BUTTON = 5;
const BUTTON = 2;

/** Buttons that send an interaction are clickable; a link button opens its URL. */
const controlOf =
  (message: StoredMessage): ControlView =>
  (c, styleClass, label) => {
    if (c.type === BUTTON && Number(c.style) === LINK_BUTTON && typeof c.url === "string")
      return `<a class="btn ${styleClass}" href="${esc(c.url)}" target="_blank" rel="noopener">${esc(label)}</a>`;
    if (c.type !== BUTTON || typeof c.custom_id !== "string") return `<span class="btn ${styleClass}">${esc(label)}</span>`;
    return `<button type="button" class="btn ${styleClass}" data-action="${esc(c.custom_id)}" data-message="${esc(message.id)}" data-label="${esc(label)}"${c.disabled ? " disabled" : ""}>${esc(label)}</button>`;
  };

/** A select menu a member can choose from: the page sends the choice as Discord's client would. */
const menuOf =
  (message: StoredMessage, ephemeral = false): MenuView =>
  (c, placeholder, options) =>
    `<select class="btn menu" data-menu="${esc(String(c.custom_id))}" data-message="${esc(message.id)}" data-ephemeral="${ephemeral}"><option value="" selected disabled>${esc(placeholder)}</option>${options
      .map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`)
      .join("")}</select>`;

const alts = (m: StoredMessage) => ((m.embeds as Array<{ description?: string }> | undefined) ?? []).map(() => "");

function messageHtml(m: StoredMessage): string {
  return `<div class="message" data-id="${esc(m.id)}">${discordMessageHtml(m as DiscordMessageBody, alts(m), { picture: pictureSrc, userName, control: controlOf(m), menu: menuOf(m) })}</div>`;
}

/** Every message of the bot the members can reach in `channel`, with who alone may see it (ephemeral answers). */
export function discordMessages(
  discord: DiscordFake,
  activity: Activity,
  channel: string,
): Array<{ message: StoredMessage; only?: string }> {
  const found: Array<{ message: StoredMessage; only?: string }> = [];
  for (const act of activity.in("discord", channel)) {
    if (!act.discordToken) continue;
    const answers = [discord.original(act.discordToken), ...discord.followUps(act.discordToken)].filter((m): m is StoredMessage => !!m);
    for (const m of answers) found.push({ message: m, ...((Number(m.flags ?? 0) & EPHEMERAL) === EPHEMERAL ? { only: act.who } : {}) });
  }
  for (const m of discord.channelMessages(channel)) found.push({ message: m });
  return found;
}

export function discordFeed(discord: DiscordFake, activity: Activity, channel: string, viewer: Teammate): string {
  const items: FeedItem[] = activity
    .in("discord", channel)
    .filter((a) => a.who === viewer.key)
    .map((a) => ({ at: a.at, html: actHtml(teammate(a.who).name, a.text) }));
  for (const { message, only } of discordMessages(discord, activity, channel)) {
    if (only && only !== viewer.key) continue;
    const html = messageHtml(message);
    items.push({ at: Date.parse(String(message.timestamp)), html: only ? onlyYou(html, "Only you can see this") : html });
  }
  return byTime(items)
    .map((i) => i.html)
    .join("\n");
}
