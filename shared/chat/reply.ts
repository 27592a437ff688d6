/**
 * A chat message before it is shaped for a platform: the bots and the deliver queue build one of
 * these, and `discord-message.ts` / `slack-message.ts` turn it into each platform's payload.
 * Text is plain; the renderers add each platform's own emphasis.
 */
export type Tone = "info" | "progress" | "success" | "error";

export interface ReplyButton {
  /** Becomes the component's custom id / action id: `job:<action>:<jobId>[:<image>]` or `page:<…>`. */
  id: string;
  label: string;
  style?: "primary" | "secondary" | "danger";
  /** Buttons of one row share a number (a picture's actions, the job's own); unset: the last row. */
  row?: number;
  /**
   * A link button: the platform opens this address and sends the bot no click (Discord's link
   * style, which has no custom id; Slack sends a click it only needs acked).
   */
  url?: string;
}

/**
 * A select menu of choices, each naming what a button would (its value is a button's id, so a
 * choice and a press go one way). Discord shows it alone in its row; Slack as a static_select.
 */
export interface ReplyMenu {
  /** The menu's own custom id / action id: `pictures:<jobId>:<first picture>`. */
  id: string;
  placeholder: string;
  options: Array<{ label: string; value: string; description?: string }>;
  /** Shares the numbering of the buttons' rows; a menu is always a row of its own. */
  row?: number;
}

/** One row of a message's controls: up to five buttons, or a menu alone (Discord's rule for a select). */
export type ReplyRow = { buttons: ReplyButton[]; menu?: undefined } | { menu: ReplyMenu; buttons?: undefined };

/** Discord's limits, which Slack's actions blocks fit within: five rows, a row five buttons or one menu. */
const MAX_ROWS = 5;
const MAX_PER_ROW = 5;

/** The buttons and menus by row, rows in order (at one number, the buttons first), within the platforms' limits. */
export function replyRows(reply: Pick<ChatReply, "buttons" | "menus">): ReplyRow[] {
  const rows: Array<{ at: number; order: number; row: ReplyRow }> = [];
  const buttonRows = new Map<number, ReplyButton[]>();
  for (const b of reply.buttons ?? []) {
    const at = b.row ?? Number.MAX_SAFE_INTEGER;
    const row = buttonRows.get(at);
    if (row) row.push(b);
    else {
      const buttons = [b];
      buttonRows.set(at, buttons);
      rows.push({ at, order: rows.length, row: { buttons } });
    }
  }
  for (const menu of reply.menus ?? []) rows.push({ at: menu.row ?? Number.MAX_SAFE_INTEGER, order: rows.length, row: { menu } });
  return rows
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ row }) => (row.buttons ? { buttons: row.buttons.slice(0, MAX_PER_ROW) } : row))
    .slice(0, MAX_ROWS);
}

export interface ChatReply {
  title: string;
  tone: Tone;
  /** Body lines, shown in order. */
  lines: string[];
  fields?: Array<{ name: string; value: string }>;
  /** Pictures to show inline (a short signed link each). */
  images?: Array<{ url: string; alt: string }>;
  /** Downloads: a label (file name and size) and a short signed link. */
  links?: Array<{ label: string; url: string }>;
  buttons?: ReplyButton[];
  menus?: ReplyMenu[];
  footer?: string;
  /** The platform user id of whoever asked: a result in a channel names them. */
  requester?: string;
  /** The word before the requester's name where a platform writes one ("for"), in the reply's language. */
  requesterLabel?: string;
  /** For a list (one item per line or link) a platform can show only part of: the line saying how many were left out, in the reply's language. */
  more?: (hidden: number) => string;
}

/** A one-line reply, for refusals and errors, which the bots send ephemerally. */
export function notice(title: string, line: string, tone: Tone = "error"): ChatReply {
  return { title, tone, lines: [line] };
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return "";
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function progressBar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `${"▰".repeat(filled)}${"▱".repeat(width - filled)} ${Math.round(percent)}%`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
