/** What both platforms' renderers share: HTML escaping, and how a picture, a person and a control show. */

export const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A button or menu of a message, as the platform sent it, with the page's class for its style. */
export type ControlView = (component: Record<string, unknown>, styleClass: string, label: string) => string;

/** A select menu of a message (Discord's string select, Slack's static_select): its placeholder and options. */
export type MenuView = (
  component: Record<string, unknown>,
  placeholder: string,
  options: Array<{ label: string; value: string; description?: string }>,
) => string;

export interface RenderOptions {
  /** The `src` of a picture, given its URL in the message (or, on Slack, the id of a file the app uploaded). */
  picture(url: string): string;
  /** The name a mention of this user id shows. */
  userName(id: string): string;
  /** A control; by default a label in a box, nothing to click. */
  control?: ControlView;
  /** A select menu; by default its placeholder in a box with the platform's arrow, its options listed for a reader. */
  menu?: MenuView;
}

export const staticControl: ControlView = (_c, styleClass, label) => `<span class="btn ${styleClass}">${esc(label)}</span>`;

export const staticMenu: MenuView = (_c, placeholder, options) =>
  `<span class="btn menu" title="${esc(options.map((o) => o.label).join(" · "))}">${esc(placeholder)} ▾</span>`;

/** The author line every message of the app starts with. */
export const appAuthor =
  '<div class="avatar">CB</div><div class="content"><div class="name">content-bot <span class="tag">APP</span></div>';
