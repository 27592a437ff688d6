import type { ChatReply, Tone } from "./reply.js";
import { replyRows, truncate } from "./reply.js";

/** A message body as Discord's REST API takes it (create, edit, interaction callback). */
export interface DiscordMessage {
  content?: string;
  embeds: Array<Record<string, unknown>>;
  components: Array<{ type: 1; components: Array<Record<string, unknown>> }>;
  allowed_mentions: { parse: string[]; users?: string[] };
  flags?: number;
}

const colors: Record<Tone, number> = { info: 0x5865f2, progress: 0xfee75c, success: 0x57f287, error: 0xed4245 };
const buttonStyles = { primary: 1, secondary: 2, danger: 4 } as const;
/** Discord's link button: grey, opens its url, and sends no interaction. */
const LINK_STYLE = 5;
/** Discord's string select (Component reference): alone in its action row, up to 25 options, one chosen. */
const STRING_SELECT = 3;
/** A result carries four pictures at most (queue/chat/deliver/result-files.ts), an embed each. */
const PICTURES_MAX = 4;
const EMBED_TOTAL_MAX = 6000;

/** Escapes the characters Discord's markdown gives meaning to inside link labels. */
function label(text: string): string {
  return text.replace(/[[\]()*_~`|\\]/g, "\\$&");
}

/**
 * The message as Discord takes it. `attached`: the reply's pictures go with the message as files
 * of these names (uploaded beside it, in order, by the caller), and the embeds show them from
 * Discord's own CDN: no public URL needed.
 *
 * Each picture is an embed of its own: Discord documents one `image` per embed (an http(s) URL or
 * `attachment://<file>`, Reference: Uploading Files) and up to ten embeds a message, and nothing
 * else that shows several. Its clients fold embeds that share a `url` into the first (an
 * undocumented gallery that some clients show and others cut to the first picture: issues #1418
 * and #4129 of discord/discord-api-docs), so only the first embed has a url, its title's link.
 */
export function toDiscordMessage(reply: ChatReply, opts: { attached?: string[] } = {}): DiscordMessage {
  const description = [...reply.lines, ...(reply.links ?? []).map((l) => `[${label(l.label)}](${l.url})`)].join("\n");
  const attached = opts.attached ?? [];
  const images = (reply.images ?? [])
    .slice(0, PICTURES_MAX)
    .map((img, i) => (attached[i] ? { ...img, url: `attachment://${attached[i]}` } : img));
  // The title links the first picture's download (an http(s) link, never `attachment://`).
  const titleUrl = reply.images?.[0]?.url;
  const title = truncate(reply.title, 256);
  const fields = (reply.fields ?? [])
    .slice(0, 25)
    .map((f) => ({ name: truncate(f.name, 256), value: truncate(f.value, 1024), inline: true }));
  const footer = reply.footer ? truncate(reply.footer, 2048) : undefined;
  // Discord refuses a message whose embeds hold more than 6000 characters in all: the description gives way.
  const rest = title.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0) + (footer?.length ?? 0);
  const main: Record<string, unknown> = {
    title,
    description: truncate(description, Math.max(1, Math.min(4096, EMBED_TOTAL_MAX - rest))),
    color: colors[reply.tone],
    ...(fields.length ? { fields } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
    ...(titleUrl && images[0] ? { url: titleUrl, image: { url: images[0].url } } : {}),
  };
  const embeds = [main, ...images.slice(1).map((img) => ({ color: colors[reply.tone], image: { url: img.url } }))];
  const rows = replyRows(reply).map((row) => ({
    type: 1 as const,
    components: row.menu
      ? [
          {
            type: STRING_SELECT,
            custom_id: row.menu.id,
            placeholder: truncate(row.menu.placeholder, 150),
            min_values: 1,
            max_values: 1,
            options: row.menu.options.slice(0, 25).map((o) => ({
              label: truncate(o.label, 100),
              value: o.value,
              ...(o.description ? { description: truncate(o.description, 100) } : {}),
            })),
          },
        ]
      : row.buttons.map((b) =>
          b.url
            ? { type: 2, style: LINK_STYLE, label: truncate(b.label, 80), url: b.url }
            : { type: 2, style: buttonStyles[b.style ?? "secondary"], label: truncate(b.label, 80), custom_id: b.id },
        ),
  }));
  // Embeds show mentions as plain text, so the requester is named in the content; a snowflake only.
  const asker = reply.requester && /^\d{5,25}$/.test(reply.requester) ? reply.requester : undefined;
  return {
    content: asker ? `<@${asker}>` : "",
    embeds,
    components: rows,
    // Prompts are user text: they must never ping @everyone or a role; only the requester may be.
    allowed_mentions: { parse: [], ...(asker ? { users: [asker] } : {}) },
  };
}
