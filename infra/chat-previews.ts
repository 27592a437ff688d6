import { writeFileSync } from "node:fs";
import path from "node:path";
import { type DiscordMessage, toDiscordMessage } from "../shared/chat/discord-message.js";
import { jobReply } from "../shared/chat/job-reply.js";
import { type SlackMessage, toSlackMessage } from "../shared/chat/slack-message.js";
import type { PublicJob } from "../shared/jobs/view.js";
import { renderPicture } from "./fakes/picture.js";

/**
 * HTML renderings of one image result as each platform's payload has it (the same functions the
 * deliver worker sends through), for the README: `npm run docs:previews` writes them to
 * docs/previews/, and a test fails when they no longer match the payloads.
 */

const link = (name: string) => `https://cg.example.com/d/${name}`;

/** A finished two-picture job as the API shows it. */
export const sampleJob: PublicJob = {
  jobId: "0193a5f2-7c1e-7b3a-9d2e-5f4c3b2a1908",
  type: "image-generation",
  status: "completed",
  userId: "discord-300000000000000001",
  workspaceId: "w",
  visibility: "workspace",
  input: { type: "image-generation", prompt: "a lighthouse in fog at dusk", imageSize: "square_hd", count: 2 },
  parent: null,
  sources: [],
  prompts: null,
  aspectRatio: null,
  progress: 100,
  costUsd: 0.05,
  provider: { name: "fal", queuePosition: null, logs: [] },
  error: null,
  versions: [
    {
      version: 1,
      seed: "196619188014358660",
      endpoint: "fal-ai/flux-pro/v1.1",
      images: [1, 2].map((n) => ({
        url: link(`image_${n}.png`),
        s3Key: `generated-images/u/j/image_${n}.png`,
        width: 1024,
        height: 1024,
        sizeBytes: 1_482_113 + n,
        contentType: "image/png",
      })),
    },
  ],
  files: [1, 2].map((n) => ({
    fileName: `image_${n}.png`,
    version: 1,
    kind: "images",
    contentType: "image/png",
    sizeBytes: 1_482_113 + n,
    url: link(`image_${n}.png`),
  })),
  createdAt: "2026-11-30T12:00:00.000Z",
  updatedAt: "2026-11-30T12:00:04.200Z",
  startedAt: "2026-11-30T12:00:00.300Z",
  finishedAt: "2026-11-30T12:00:04.200Z",
  delivery: null,
};

const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** The pictures the links stand for, inlined, so the page shows them with no server. */
const picture = (url: string) => `data:image/png;base64,${renderPicture("a lighthouse in fog at dusk", url, 160, 160).toString("base64")}`;

const page = (title: string, body: string, css: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style></head><body>\n${body}\n</body></html>\n`;

/** Discord's markdown links in an embed description, as Discord shows them. */
const discordText = (t: string) =>
  esc(t.replace(/\\([[\]()*_~`|\\])/g, "$1"))
    .replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\n/g, "<br>");

export function discordPreview(message: DiscordMessage, alts: string[]): string {
  const [main, ...more] = message.embeds as Array<{
    title?: string;
    description?: string;
    color?: number;
    fields?: Array<{ name: string; value: string }>;
    footer?: { text: string };
    image?: { url: string };
  }>;
  const pictures = [main?.image, ...more.map((e) => e.image)].filter((i): i is { url: string } => Boolean(i));
  const styles: Record<number, string> = { 1: "primary", 2: "secondary", 4: "danger" };
  const body = [
    '<div class="msg"><div class="avatar">CB</div><div class="content"><div class="name">content-bot <span class="tag">APP</span></div>',
    message.content ? `<div class="mention">@ann</div>` : "",
    `<div class="embed" style="border-color:#${(main?.color ?? 0).toString(16).padStart(6, "0")}">`,
    `<div class="title">${esc(main?.title ?? "")}</div>`,
    `<div class="desc">${discordText(main?.description ?? "")}</div>`,
    `<div class="fields">${(main?.fields ?? []).map((f) => `<div><b>${esc(f.name)}</b><br>${esc(f.value)}</div>`).join("")}</div>`,
    // Discord keeps no alt text on an embed's picture; the page shows the reply's.
    `<div class="gallery">${pictures.map((p, i) => `<img src="${picture(p.url)}" alt="${esc(alts[i] ?? "")}">`).join("")}</div>`,
    main?.footer ? `<div class="footer">${esc(main.footer.text)}</div>` : "",
    "</div>",
    ...message.components.map(
      (row) =>
        `<div class="row">${row.components.map((b) => `<span class="btn ${styles[Number(b.style)] ?? "secondary"}">${esc(String(b.label))}</span>`).join("")}</div>`,
    ),
    "</div></div>",
  ].join("\n");
  const css =
    "body{background:#313338;color:#dbdee1;font:15px/1.4 'gg sans','Noto Sans',Helvetica,Arial,sans-serif;padding:24px}.msg{display:flex;gap:14px;max-width:640px}.avatar{width:40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;flex:none}.name{font-weight:600;color:#fff}.tag{background:#5865f2;font-size:10px;padding:1px 4px;border-radius:3px}.mention{background:#3c4270;color:#c9cdfb;display:inline-block;padding:0 2px;border-radius:3px}.embed{background:#2b2d31;border-left:4px solid;border-radius:4px;padding:10px 14px;margin:4px 0}.title{font-weight:600;color:#fff}.desc a{color:#00a8fc}.fields{display:flex;gap:18px;margin:8px 0;font-size:14px}.gallery{display:grid;grid-template-columns:1fr 1fr;gap:4px;margin-top:8px}.gallery img{width:100%;border-radius:4px}.footer{font-size:12px;color:#b5bac1;margin-top:8px}.row{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}.btn{padding:6px 14px;border-radius:3px;font-size:14px;color:#fff}.primary{background:#5865f2}.secondary{background:#4e5058}.danger{background:#da373c}";
  return page("A result on Discord", body, css);
}

/** Slack's mrkdwn escapes, undone: the page escapes for HTML itself. */
const unescapeMrkdwn = (t: string) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Slack's mrkdwn as Slack shows it: *bold*, <url|label> links, mentions. */
const slackText = (t: string) =>
  t
    .split(/(<https?:[^|>]+\|[^>]+>|<@[A-Z0-9]+>)/)
    .map((part) => {
      const link = /^<(https?:[^|>]+)\|([^>]+)>$/.exec(part);
      if (link) return `<a href="${esc(link[1] ?? "")}">${esc(unescapeMrkdwn(link[2] ?? ""))}</a>`;
      if (/^<@[A-Z0-9]+>$/.test(part)) return "@ann";
      return esc(unescapeMrkdwn(part)).replace(/\*([^*]+)\*/g, "<b>$1</b>");
    })
    .join("")
    .replace(/\n/g, "<br>");

export function slackPreview(message: SlackMessage): string {
  const blocks = message.blocks as Array<Record<string, unknown>>;
  const html = blocks.map((b) => {
    switch (b.type) {
      case "header":
        return `<div class="header">${esc(String((b.text as { text: string }).text))}</div>`;
      case "section":
        if (b.fields)
          return `<div class="fields">${(b.fields as Array<{ text: string }>).map((f) => `<div>${slackText(f.text)}</div>`).join("")}</div>`;
        return `<div class="section">${slackText(String((b.text as { text: string }).text))}</div>`;
      case "image":
        return `<img class="image" src="${picture(String(b.image_url ?? (b.slack_file as { id: string } | undefined)?.id))}" alt="${esc(String(b.alt_text))}">`;
      case "actions":
        return `<div class="actions">${(b.elements as Array<{ text: { text: string }; style?: string }>).map((e) => `<span class="btn ${e.style ?? ""}">${esc(e.text.text)}</span>`).join("")}</div>`;
      case "context":
        return `<div class="context">${(b.elements as Array<{ text: string }>).map((e) => slackText(e.text)).join(" ")}</div>`;
      default:
        return "";
    }
  });
  const body = [
    '<div class="msg"><div class="avatar">CB</div><div class="content"><div class="name">content-bot <span class="tag">APP</span></div>',
    ...html,
    "</div></div>",
  ].join("\n");
  const css =
    "body{background:#fff;color:#1d1c1d;font:15px/1.46 Lato,'Helvetica Neue',Helvetica,Arial,sans-serif;padding:24px}.msg{display:flex;gap:10px;max-width:640px}.avatar{width:36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;display:flex;align-items:center;justify-content:center;font-weight:700;flex:none}.name{font-weight:900}.tag{background:#ddd;font-size:10px;padding:1px 3px;border-radius:2px;color:#555}.header{font-size:18px;font-weight:900;margin:4px 0}.section{margin:4px 0}.section a{color:#1264a3}.fields{display:grid;grid-template-columns:1fr 1fr;gap:4px 16px;margin:6px 0}.image{width:240px;border-radius:8px;margin:4px 8px 4px 0}.actions{display:flex;gap:8px;margin:6px 0;flex-wrap:wrap}.btn{border:1px solid #bbb;border-radius:4px;padding:4px 12px;font-weight:700;font-size:13px}.btn.primary{background:#007a5a;color:#fff;border-color:#007a5a}.btn.danger{color:#e01e5a}.context{color:#616061;font-size:12px}";
  return page("A result on Slack", body, css);
}

/** The sample result on each platform, from the payloads the deliver worker sends. */
export function renderPreviews(): { discord: string; slack: string } {
  const discordReply = jobReply(sampleJob, { requester: "300000000000000001" });
  return {
    discord: discordPreview(
      toDiscordMessage(discordReply),
      (discordReply.images ?? []).map((i) => i.alt),
    ),
    slack: slackPreview(toSlackMessage(jobReply(sampleJob, { requester: "U0ANN" }))),
  };
}

export const PREVIEW_DIR = path.resolve(import.meta.dirname, "../docs/previews");

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { discord, slack } = renderPreviews();
  writeFileSync(path.join(PREVIEW_DIR, "discord-result.html"), discord);
  writeFileSync(path.join(PREVIEW_DIR, "slack-result.html"), slack);
  process.stdout.write(`wrote ${PREVIEW_DIR}/discord-result.html and slack-result.html\n`);
}
