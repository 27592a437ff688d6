import type { ChatReply } from "./reply.js";
import { replyRows, truncate } from "./reply.js";

/** A message as Slack's chat.postMessage / chat.update / response_url take it. */
export interface SlackMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/**
 * Slack's mrkdwn treats these three as control characters ("Formatting text for app surfaces",
 * escaping): a user's `<https://evil|click>` or `<!channel>` left as is becomes a disguised link
 * or a mention. Every mrkdwn field, the message's top-level `text` (its notification) included,
 * carries user text only through this. One sequence is kept: a bare channel mention (`<#C…>`,
 * no label), which the app's own notices name a conversation with; Slack shows it as the
 * channel's real name and notifies no one, so it can neither disguise a link nor ping anybody.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/&lt;#([CG][A-Z0-9]{2,20})&gt;/g, "<#$1>");
}

/** Escaped mrkdwn cut to `max` characters, never inside one of its `&amp;`/`&lt;`/`&gt;` or a channel mention. */
export function cutEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, max - 1).replace(/(&[a-z]{0,3}|<#[A-Z0-9]{0,20})$/, "")}…`;
}

/** User text escaped for mrkdwn, then cut to `max` characters: the cut counts what Slack receives. */
export function mrkdwnWithin(text: string, max: number): string {
  return cutEscaped(escapeMrkdwn(text), max);
}

/** A section's text: Slack refuses more (Block Kit, section `text`: "Maximum length for this field is 3000 characters"). */
const SECTION_MAX = 3000;
const SECTION_FIELDS_MAX = 10;
/** A reply's fields as Discord's embed takes them (25), which every renderer shows alike. */
const FIELDS_MAX = 25;

/**
 * A list's items (each escaped mrkdwn: a line, or a link `<url|label>`), one a line, cut after
 * escaping and only between items, so no item is left half (a link half-written would open
 * `<https://…` and never close): as many as fit in `max`, then `more(n)` for the `n` left out.
 * A line too long for the section is cut where it must be (outside an escape); a link never is.
 */
function itemsWithin(items: string[], max: number, more: (hidden: number) => string, cuttable: boolean): string {
  const all = items.join("\n");
  if (all.length <= max) return all;
  if (items.length === 1 && cuttable) return cutEscaped(all, max);
  for (let kept = items.length - 1; kept >= 1; kept--) {
    const tail = escapeMrkdwn(more(items.length - kept));
    const text = [...items.slice(0, kept), tail].join("\n");
    if (text.length <= max) return text;
  }
  // Not even the first item fits beside the count: a line is cut to make room, a link left out.
  const tail = escapeMrkdwn(more(items.length - (cuttable ? 1 : 0)));
  return cuttable ? `${cutEscaped(items[0] ?? "", max - tail.length - 1)}\n${tail}` : cutEscaped(tail, max);
}

/** What a list cut short says when its reply names nothing better: how many items it left out. */
const moreByDefault = (hidden: number) => `… +${hidden}`;

const toneIcons = { info: "ℹ️", progress: "⏳", success: "✅", error: "⚠️" } as const;

/**
 * The message in Block Kit. `images: false` leaves out the image blocks (their files stay in the
 * links): Slack downloads each picture while it takes the message and refuses the whole message
 * (`invalid_blocks`) when one cannot be fetched, as from any address the internet cannot reach.
 * `slackFiles`: the pictures were uploaded to Slack as these files, shown from there instead.
 */
export function toSlackMessage(reply: ChatReply, opts: { images?: boolean; slackFiles?: string[] } = {}): SlackMessage {
  const blocks: Array<Record<string, unknown>> = [
    { type: "header", text: { type: "plain_text", text: truncate(`${toneIcons[reply.tone]} ${reply.title}`, 150), emoji: true } },
  ];
  if (reply.lines.length) {
    const lines = reply.lines.map(escapeMrkdwn);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: itemsWithin(lines, SECTION_MAX, reply.more ?? moreByDefault, true) } });
  }
  // Block Kit takes 10 fields a section ("Maximum number of items is 10"): more go on in further sections, as many as Discord's 25.
  const fields = (reply.fields ?? []).slice(0, FIELDS_MAX);
  for (let at = 0; at < fields.length; at += SECTION_FIELDS_MAX) {
    blocks.push({
      type: "section",
      fields: fields
        .slice(at, at + SECTION_FIELDS_MAX)
        .map((f) => ({ type: "mrkdwn", text: cutEscaped(`*${escapeMrkdwn(f.name)}*\n${escapeMrkdwn(f.value)}`, 2000) })),
    });
  }
  for (const [i, img] of (opts.images === false ? [] : (reply.images ?? []).slice(0, 4)).entries()) {
    // A picture uploaded to Slack shows from there; otherwise Slack downloads it from its link.
    const file = opts.slackFiles?.[i];
    blocks.push({ type: "image", ...(file ? { slack_file: { id: file } } : { image_url: img.url }), alt_text: truncate(img.alt, 2000) });
  }
  if (reply.links?.length) {
    const links = reply.links.map((l) => `<${l.url}|${escapeMrkdwn(l.label).replace(/\|/g, "¦")}>`);
    blocks.push({ type: "section", text: { type: "mrkdwn", text: itemsWithin(links, SECTION_MAX, reply.more ?? moreByDefault, false) } });
  }
  for (const row of replyRows(reply)) {
    if (row.menu) {
      const plain = (text: string, max: number) => ({ type: "plain_text", text: truncate(text, max) });
      blocks.push({
        type: "actions",
        elements: [
          {
            type: "static_select",
            action_id: row.menu.id,
            placeholder: plain(row.menu.placeholder, 150),
            // Block Kit's option object: text and description of 75 characters at most, a value of 150.
            options: row.menu.options.slice(0, 100).map((o) => ({
              text: plain(o.label, 75),
              value: o.value,
              ...(o.description ? { description: plain(o.description, 75) } : {}),
            })),
          },
        ],
      });
      continue;
    }
    blocks.push({
      type: "actions",
      elements: row.buttons.map((b) => ({
        type: "button",
        action_id: b.id,
        text: { type: "plain_text", text: truncate(b.label, 75) },
        ...(b.url ? { url: b.url } : {}),
        ...(b.style === "primary" || b.style === "danger" ? { style: b.style } : {}),
      })),
    });
  }
  const context = contextLine(reply);
  if (context) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: context }] });
  // The notification's text is mrkdwn too (chat.postMessage's `mrkdwn` defaults to true).
  return { text: mrkdwnWithin(`${reply.title}: ${reply.lines.join(" ")}`, 3000), blocks };
}

function contextLine(reply: ChatReply): string {
  // A Slack user id is the only text here not escaped: it becomes the requester's mention.
  const asker =
    reply.requester && /^[UW][A-Z0-9]{2,20}$/.test(reply.requester) ? `${reply.requesterLabel ?? "for"} <@${reply.requester}>` : undefined;
  return [asker, reply.footer ? mrkdwnWithin(reply.footer, 300) : undefined].filter(Boolean).join(" · ");
}

/**
 * The message as mrkdwn text alone, no blocks (and so no buttons): what is left when Slack
 * refuses the blocks even without pictures. Everything it says is there, the links included.
 */
export function toSlackText(reply: ChatReply): SlackMessage {
  const parts = [
    `*${escapeMrkdwn(truncate(reply.title, 150))}*`,
    ...reply.lines.map(escapeMrkdwn),
    ...(reply.fields ?? []).map((f) => `*${escapeMrkdwn(f.name)}*: ${escapeMrkdwn(f.value)}`),
    ...(reply.links ?? []).map((l) => `<${l.url}|${escapeMrkdwn(l.label).replace(/\|/g, "¦")}>`),
    contextLine(reply),
  ].filter(Boolean);
  return { text: cutEscaped(parts.join("\n"), 39_000), blocks: [] };
}
