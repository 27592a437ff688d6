import { type RenderOptions, appAuthor, esc, staticControl, staticMenu } from "./html.js";

/** A Slack message as Slack shows it: its Block Kit blocks, or its text when it has none. */

export interface SlackMessageBody {
  text?: string;
  blocks?: unknown[];
}

/** Slack's mrkdwn escapes, undone: the page escapes for HTML itself. */
const unescapeMrkdwn = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Slack's mrkdwn as Slack shows it: *bold*, <url|label> links, mentions. */
export function slackText(t: string, opts: Pick<RenderOptions, "userName">): string {
  return t
    .split(/(<https?:[^|>]+\|[^>]+>|<@[A-Z0-9]+>)/)
    .map((part) => {
      const link = /^<(https?:[^|>]+)\|([^>]+)>$/.exec(part);
      if (link) return `<a href="${esc(link[1] ?? "")}">${esc(unescapeMrkdwn(link[2] ?? ""))}</a>`;
      const mention = /^<@([A-Z0-9]+)>$/.exec(part);
      if (mention) return `@${esc(opts.userName(mention[1] ?? ""))}`;
      return esc(unescapeMrkdwn(part)).replace(/\*([^*]+)\*/g, "<b>$1</b>");
    })
    .join("")
    .replace(/\n/g, "<br>");
}

function blockHtml(b: Record<string, unknown>, opts: RenderOptions): string {
  const control = opts.control ?? staticControl;
  const menu = opts.menu ?? staticMenu;
  const text = (t: unknown) => String((t as { text?: string } | undefined)?.text ?? "");
  switch (b.type) {
    case "header":
      return `<div class="header">${esc(String((b.text as { text: string }).text))}</div>`;
    case "section":
      if (b.fields)
        return `<div class="fields">${(b.fields as Array<{ text: string }>).map((f) => `<div>${slackText(f.text, opts)}</div>`).join("")}</div>`;
      return `<div class="section">${slackText(String((b.text as { text: string }).text), opts)}</div>`;
    case "image":
      return `<img class="image" src="${esc(opts.picture(String(b.image_url ?? (b.slack_file as { id: string } | undefined)?.id)))}" alt="${esc(String(b.alt_text))}">`;
    case "actions":
      return `<div class="actions">${(b.elements as Array<Record<string, unknown>>)
        .map((e) =>
          e.type === "static_select"
            ? menu(
                e,
                text(e.placeholder),
                ((e.options ?? []) as Array<{ text: unknown; value: string }>).map((o) => ({ label: text(o.text), value: o.value })),
              )
            : control(e, String(e.style ?? ""), text(e.text)),
        )
        .join("")}</div>`;
    case "context":
      return `<div class="context">${(b.elements as Array<{ text: string }>).map((e) => slackText(e.text, opts)).join(" ")}</div>`;
    default:
      return "";
  }
}

/** The message's body, inside the `.msg` block the page's stylesheet (SLACK_CSS) lays out. */
export function slackMessageHtml(message: SlackMessageBody, opts: RenderOptions): string {
  const blocks = (message.blocks ?? []) as Array<Record<string, unknown>>;
  const html = blocks.length
    ? blocks.map((b) => blockHtml(b, opts))
    : [`<div class="section">${slackText(message.text ?? "", opts)}</div>`];
  return [`<div class="msg">${appAuthor}`, ...html, "</div></div>"].join("\n");
}

export const SLACK_CSS =
  "body{background:#fff;color:#1d1c1d;font:15px/1.46 Lato,'Helvetica Neue',Helvetica,Arial,sans-serif;padding:24px}.msg{display:flex;gap:10px;max-width:640px}.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;flex:none}.name{font-weight:900}.tag{background:#ddd;font-size:10px;padding:1px 3px;border-radius:2px;color:#555}.header{font-size:18px;font-weight:900;margin:4px 0}.section{margin:4px 0}.section a{color:#1264a3}.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin:6px 0}.image{width:240px;border-radius:8px;margin:4px 8px 4px 0}.actions{display:flex;gap:8px;margin:6px 0;flex-wrap:wrap}.btn{border:1px solid #bbb;border-radius:4px;padding:4px 12px;font-weight:700;font-size:13px}.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.btn.danger{color:#e01e5a}.btn.menu{font-weight:400;min-width:220px}.context{color:#616061;font-size:12px}";
