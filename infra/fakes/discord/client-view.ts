/**
 * What a member's Discord client shows of a message the fake holds, so a test can check what a
 * person sees rather than what was sent.
 *
 * Discord documents one `image` per embed (an http(s) URL, or `attachment://<file>` naming a file
 * uploaded with the message: Reference, Uploading Files) and up to 10 embeds a message. It
 * documents nothing about embeds that share a `url`: its clients fold every such embed into the
 * first one that has it, and what they then show of the folded embeds differs by client and
 * version (a gallery of up to four pictures on some, only the first embed on others: issues
 * #1418 and #4129 of discord/discord-api-docs). This view takes only what is documented: a folded
 * embed shows nothing of its own, so a message that relies on the fold shows its first picture.
 * A file a shown or folded embed uses as its picture is not listed again below the message; any
 * other uploaded picture shows as an attachment, any other file as a file to download.
 */

type Json = Record<string, unknown>;

export interface ShownEmbed {
  title?: string;
  description?: string;
  /** The pictures this embed shows: its own image, as Discord's CDN or the link serves it. */
  pictures: string[];
}

export interface ClientView {
  embeds: ShownEmbed[];
  /** Every picture on screen, in order: the embeds' and then the attachments shown as pictures. */
  pictures: string[];
  /** Uploaded files shown for download (not pictures, and used by no embed). */
  files: string[];
}

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === "string" ? v : undefined);

export function clientView(message: Json): ClientView {
  const embeds = (Array.isArray(message.embeds) ? message.embeds : []).filter(isObject);
  const urls = new Set<string>();
  const used = new Set<string>();
  const shown: ShownEmbed[] = [];
  for (const e of embeds) {
    const picture = isObject(e.image) ? text(e.image.url) : undefined;
    if (picture) used.add(picture);
    const url = text(e.url);
    if (url && urls.has(url)) continue;
    if (url) urls.add(url);
    const title = text(e.title);
    const description = text(e.description);
    shown.push({ ...(title ? { title } : {}), ...(description ? { description } : {}), pictures: picture ? [picture] : [] });
  }
  const attachments = (Array.isArray(message.attachments) ? message.attachments : []).filter(isObject);
  const loose = attachments.filter((a) => !used.has(String(a.url)));
  const isPicture = (a: Json) => /^image\//.test(String(a.content_type ?? ""));
  return {
    embeds: shown,
    pictures: [...shown.flatMap((e) => e.pictures), ...loose.filter(isPicture).map((a) => String(a.url))],
    files: loose.filter((a) => !isPicture(a)).map((a) => String(a.filename)),
  };
}
