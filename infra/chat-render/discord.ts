import { type RenderOptions, appAuthor, esc, staticControl, staticMenu } from "./html.js";

/** A Discord message as a member's client shows it: content, embeds with their pictures, and its rows of buttons. */

type Embed = {
  title?: string;
  description?: string;
  color?: number;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
  image?: { url: string };
};

export interface DiscordMessageBody {
  content?: string;
  embeds?: unknown[];
  components?: Array<{ components: Array<Record<string, unknown>> }>;
}

/** Discord's markdown links in an embed description, as Discord shows them. */
export const discordText = (t: string) =>
  esc(t.replace(/\\([[\]()*_~`|\\])/g, "$1"))
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\n/g, "<br>");

/** The message's content: a lone mention shows as Discord's highlighted name, other text with its mentions named. */
function contentHtml(content: string, opts: RenderOptions): string {
  if (!content) return "";
  const lone = /^<@!?(\d+)>$/.exec(content);
  if (lone) return `<div class="mention">@${esc(opts.userName(lone[1] ?? ""))}</div>`;
  const named = content.replace(/<@!?(\d+)>/g, (_m, id: string) => `@${opts.userName(id)}`);
  return `<div class="text">${discordText(named)}</div>`;
}

const STRING_SELECT = 3;
const styles: Record<number, string> = { 1: "primary", 2: "secondary", 4: "danger" };

/**
 * The message's body (`alts`: the pictures' alt texts, which Discord does not keep on an embed),
 * inside the `.msg` block the page's stylesheet (DISCORD_CSS) lays out.
 */
export function discordMessageHtml(message: DiscordMessageBody, alts: string[], opts: RenderOptions): string {
  const control = opts.control ?? staticControl;
  const menu = opts.menu ?? staticMenu;
  const [main, ...more] = (message.embeds ?? []) as Embed[];
  const pictures = [main?.image, ...more.map((e) => e.image)].filter((i): i is { url: string } => Boolean(i));
  return [
    `<div class="msg">${appAuthor}`,
    contentHtml(message.content ?? "", opts),
    ...(main
      ? [
          `<div class="embed" style="border-color:#${(main.color ?? 0).toString(16).padStart(6, "0")}">`,
          `<div class="title">${esc(main.title ?? "")}</div>`,
          `<div class="desc">${discordText(main.description ?? "")}</div>`,
          `<div class="fields">${(main.fields ?? []).map((f) => `<div><b>${esc(f.name)}</b><br>${esc(f.value)}</div>`).join("")}</div>`,
          `<div class="gallery">${pictures.map((p, i) => `<img src="${esc(opts.picture(p.url))}" alt="${esc(alts[i] ?? "")}">`).join("")}</div>`,
          main.footer ? `<div class="footer">${esc(main.footer.text)}</div>` : "",
          "</div>",
        ]
      : []),
    ...(message.components ?? []).map(
      (row) =>
        `<div class="row">${row.components
          .map((b) =>
            b.type === STRING_SELECT
              ? menu(b, String(b.placeholder ?? ""), (b.options ?? []) as Array<{ label: string; value: string }>)
              : control(b, styles[Number(b.style)] ?? "secondary", String(b.label)),
          )
          .join("")}</div>`,
    ),
    "</div></div>",
  ].join("\n");
}

export const DISCORD_CSS =
  "body{background:#313338;color:#dbdee1;font:15px/1.4 'gg sans','Noto Sans',Helvetica,Arial,sans-serif;padding:24px}.msg{display:flex;gap:14px;max-width:640px}.avatar{width:40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;flex:none}.name{font-weight:600;color:#fff}.tag{background:#5865f2;font-size:10px;padding:1px 4px;border-radius:3px}.mention{background:#3c4270;color:#c9cdfb;display:inline-block;padding:0 2px;border-radius:3px}.embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:10px 14px;margin:4px 0}.title{font-weight:600;color:#fff}.desc a{color:#00a8fc}.fields{display:flex;gap:18px;margin:8px 0;font-size:14px}.gallery{display:grid;grid-template-columns:1fr 1fr;gap:4px;margin-top:8px}.gallery img{width:100%;border-radius:4px}.footer{font-size:12px;color:#b5bac1;margin-top:8px}.row{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}.btn{padding:6px 14px;border-radius:3px;font-size:14px;color:#fff}.primary{background:#5865f2}.secondary{background:#4e5058}.danger{background:#da373c}.menu{background:#1e1f22;border:1px solid #4e5058;flex:1;min-width:240px}";
