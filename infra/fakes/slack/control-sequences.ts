import type { SlackState } from "./state.js";

/**
 * Control sequences Slack would act on in text the app sent as mrkdwn that the app cannot have
 * meant: Slack renders `<!channel>`, `<!here>`, `<!subteam^…>`, `<#C…>` and `<url|label>` wherever
 * they stand ("Formatting text for app surfaces": `&`, `<` and `>` must be escaped as `&amp;`,
 * `&lt;` and `&gt;` in text that is not meant as markup). Slack takes such a message, so the fake
 * takes it too and records each sequence in `unescaped`: the app itself only writes mentions of
 * a user (`<@U…>`) or a channel without a label (`<#C…>`) and links to its own addresses
 * (`appLinkHosts`), so anything else there came from a user's text left unescaped.
 */
export function noteUnescaped(state: SlackState, where: string, payload: unknown): void {
  for (const text of mrkdwnTexts(payload)) {
    for (const [, inner = ""] of text.matchAll(/<([^<>]*)>/g)) {
      if (!meantByTheApp(state, inner)) state.unescaped.push({ where, sequence: `<${inner}>` });
    }
  }
}

function meantByTheApp(state: SlackState, inner: string): boolean {
  if (/^@[UW][A-Z0-9]+$/.test(inner) || /^#[CG][A-Z0-9]+$/.test(inner)) return true;
  const url = /^(https?:\/\/[^|\s]+)(\|[^|]*)?$/.exec(inner)?.[1];
  if (!url) return false;
  try {
    return state.settings.appLinkHosts.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The mrkdwn a message or view carries: its top-level `text` (unless `mrkdwn: false`) and every `{ type: "mrkdwn", text }` in it. */
function mrkdwnTexts(payload: unknown): string[] {
  const found: string[] = [];
  const top = payload as { text?: unknown; mrkdwn?: unknown } | null;
  if (top && typeof top.text === "string" && top.mrkdwn !== false) found.push(top.text);
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== "object") return;
    const o = value as Record<string, unknown>;
    if (o.type === "mrkdwn" && typeof o.text === "string") found.push(o.text);
    for (const v of Object.values(o)) walk(v);
  };
  if (top && typeof top === "object") for (const [k, v] of Object.entries(top)) if (k !== "text") walk(v);
  return found;
}
