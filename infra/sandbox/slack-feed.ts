import { type ControlView, type MenuView, esc } from "../chat-render/html.js";
import { slackMessageHtml } from "../chat-render/slack.js";
import type { SlackFake } from "../fakes/slack/index.js";
import { manifestShortcuts } from "../fakes/slack/scopes.js";
import type { Activity } from "./activity.js";
import { type FeedItem, actHtml, byTime, onlyYou, pictureSrc, userName } from "./feed-item.js";
import { type Teammate, nameOf, teammate } from "./world.js";

/**
 * A Slack conversation as a member sees it: what members did, the app's messages in it, and the
 * answers only the viewer sees (the app's immediate answer to a request, its posts to the
 * request's response URL, chat.postEphemeral), as Slack replaces or deletes them.
 */

type Body = { text?: string; blocks?: unknown[]; response_type?: string; replace_original?: boolean; delete_original?: boolean };

const controlOf =
  (where: { ts: string; ephemeral: boolean }): ControlView =>
  (e, styleClass, label) => {
    if (typeof e.url === "string")
      return `<a class="btn ${styleClass}" href="${esc(e.url)}" target="_blank" rel="noopener">${esc(label)}</a>`;
    if (e.type !== "button" || typeof e.action_id !== "string") return `<span class="btn ${styleClass}">${esc(label)}</span>`;
    return `<button type="button" class="btn ${styleClass}" data-action="${esc(e.action_id)}" data-message="${esc(where.ts)}" data-ephemeral="${where.ephemeral}" data-label="${esc(label)}">${esc(label)}</button>`;
  };

/** A static_select a member can choose from: the page sends the choice as Slack's client would. */
const menuOf =
  (where: { ts: string; ephemeral: boolean }): MenuView =>
  (e, placeholder, options) =>
    `<select class="btn menu" data-menu="${esc(String(e.action_id))}" data-message="${esc(where.ts)}" data-ephemeral="${where.ephemeral}"><option value="" selected disabled>${esc(placeholder)}</option>${options
      .map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`)
      .join("")}</select>`;

const render = (body: Body, where: { ts: string; ephemeral: boolean }) =>
  `<div class="message" data-id="${esc(where.ts)}">${slackMessageHtml(body, { picture: pictureSrc, userName, control: controlOf(where), menu: menuOf(where) })}</div>`;

/** A file share shows its files below its text, as Slack shows a picture the app uploaded to the channel. */
function withFiles(m: { text: string; blocks: unknown[]; files?: string[] }): Body {
  if (!m.files?.length) return m;
  const text = m.text ? [{ type: "section", text: { type: "mrkdwn", text: m.text } }] : [];
  const files = m.files.map((id) => ({ type: "image", slack_file: { id }, alt_text: "" }));
  return { text: m.text, blocks: [...(m.blocks.length ? m.blocks : text), ...files] };
}

const messageShortcuts = () => manifestShortcuts().filter((x) => x.type === "message");

/** A file a member shared, as Slack shows it in the conversation: their name, and the file's. */
function memberShare(slack: SlackFake, m: { ts: string; text: string; files?: string[]; user?: string }): string {
  const name = nameOf(m.user ?? "");
  const files = (m.files ?? []).map((id) => slack.sharedFile(id)).filter((f) => f !== undefined);
  return [
    `<div class="message" data-id="${esc(m.ts)}"><div class="msg"><div class="avatar">${esc(name.slice(0, 1))}</div><div class="content">`,
    `<div class="name">${esc(name)}</div>`,
    m.text ? `<div class="section">${esc(m.text)}</div>` : "",
    ...files.map(
      (f) =>
        `<div class="file">📎 <b>${esc(f.name)}</b> <span class="context">${esc(f.mimetype)}, ${Math.ceil(f.size / 1024)} KB</span></div>`,
    ),
    // The app's message shortcuts, as the message's "More actions" menu lists them.
    `<div class="actions">${messageShortcuts()
      .map(
        (x) =>
          `<button type="button" class="btn" data-shortcut="${esc(x.callbackId)}" data-message="${esc(m.ts)}" data-label="${esc(x.name)}">⋯ ${esc(x.name)}</button>`,
      )
      .join("")}</div>`,
    "</div></div></div>",
  ].join("");
}

/** The answers to one request's response URL as they stand: each replaces the last unless it adds, and a delete removes. */
function standing(responses: Array<{ body: Body; at: number }>): Array<{ body: Body; at: number }> {
  const shown: Array<{ body: Body; at: number }> = [];
  for (const r of responses) {
    if (r.body.response_type === "in_channel") continue;
    if (r.body.delete_original) shown.pop();
    else if (r.body.replace_original && shown.length) shown[shown.length - 1] = { body: r.body, at: shown[shown.length - 1]?.at ?? r.at };
    else shown.push(r);
  }
  return shown;
}

export function slackFeed(slack: SlackFake, activity: Activity, channel: string, viewer: Teammate): string {
  const acts = activity.in("slack", channel);
  const items: FeedItem[] = acts
    .filter((a) => a.who === viewer.key)
    .map((a) => ({ at: a.at, html: actHtml(teammate(a.who).name, a.text) }));
  const mine = (html: string) => onlyYou(html, "Only visible to you");
  for (const act of acts.filter((a) => a.who === viewer.key)) {
    if (act.slackAnswer && (act.slackAnswer.text || act.slackAnswer.blocks))
      items.push({ at: act.at + 1, html: mine(render(act.slackAnswer as Body, { ts: "", ephemeral: true })) });
    const responses = slack.responses.filter((r) => r.id === act.slackResponseId).map((r) => ({ body: r.body as Body, at: r.at }));
    for (const r of standing(responses)) items.push({ at: r.at, html: mine(render(r.body, { ts: "", ephemeral: true })) });
  }
  for (const e of slack.ephemerals.filter((x) => x.channel === channel && x.user === viewer.slackId))
    items.push({ at: e.at, html: mine(render({ text: e.text, blocks: e.blocks as unknown[] }, { ts: "", ephemeral: true })) });
  for (const m of slack.messages(channel))
    items.push({
      at: activity.firstSeen(`${channel}:${m.ts}`),
      html: m.user ? memberShare(slack, m) : render(withFiles(m), { ts: m.ts, ephemeral: false }),
    });
  return byTime(items)
    .map((i) => i.html)
    .join("\n");
}
