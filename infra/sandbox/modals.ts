import { esc } from "../chat-render/html.js";

/**
 * The modal a bot opened for the viewer, as a form of the page: Discord's text inputs, Slack's
 * input blocks (text, menus, numbers, conversations), each prefilled as the platform shows it.
 * Field names carry what the submit needs: a Discord input's custom_id, a Slack `block_id/action_id`.
 */

type Json = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "object" && v !== null ? String((v as { text?: unknown }).text ?? "") : String(v ?? ""));

export interface ShownForm {
  /** Which modal this is: the page draws a new form only when it changes. */
  key: string;
  html: string;
}

function form(platform: string, id: string, title: string, fields: string[], submit: string): string {
  return [
    `<form class="modal" data-platform="${platform}" data-modal="${esc(id)}">`,
    `<div class="modal-title">${esc(title)}</div>`,
    ...fields,
    `<div class="modal-buttons"><button type="button" class="cancel">Cancel</button><button type="submit" class="submit">${esc(submit)}</button></div>`,
    "</form>",
  ].join("\n");
}

function textInput(name: string, label: string, opts: { multiline: boolean; value?: string; placeholder?: string; required: boolean }) {
  const attrs = `name="${esc(name)}" placeholder="${esc(opts.placeholder ?? "")}"${opts.required ? " required" : ""}`;
  const input = opts.multiline
    ? `<textarea ${attrs}>${esc(opts.value ?? "")}</textarea>`
    : `<input type="text" ${attrs} value="${esc(opts.value ?? "")}">`;
  return `<label class="field"><span>${esc(label)}${opts.required ? "" : " <i>(optional)</i>"}</span>${input}</label>`;
}

const DISCORD_TEXT_INPUT = 4;
const DISCORD_TEXT_DISPLAY = 10;
const DISCORD_LABEL = 18;
const DISCORD_PARAGRAPH = 2;

export function discordModalForm(customId: string, data: Json): ShownForm {
  const fields: string[] = [];
  for (const c of (data.components as Json[] | undefined) ?? []) {
    if (c.type === DISCORD_TEXT_DISPLAY) fields.push(`<p>${esc(String(c.content ?? ""))}</p>`);
    const input = (c.type === DISCORD_LABEL ? [c.component as Json] : ((c.components as Json[] | undefined) ?? [])).find(
      (x) => x?.type === DISCORD_TEXT_INPUT,
    );
    if (!input) continue;
    const label = String(c.type === DISCORD_LABEL ? c.label : input.label);
    fields.push(
      textInput(String(input.custom_id), label, {
        multiline: input.style === DISCORD_PARAGRAPH,
        value: typeof input.value === "string" ? input.value : "",
        placeholder: typeof input.placeholder === "string" ? input.placeholder : "",
        required: input.required !== false,
      }),
    );
  }
  return { key: `discord:${customId}`, html: form("discord", customId, String(data.title ?? ""), fields, "Submit") };
}

function slackInput(b: Json, channels: Array<{ id: string; name: string }>): string {
  const e = (b.element as Json | undefined) ?? {};
  const name = `${String(b.block_id ?? "")}/${String(e.action_id ?? "")}`;
  const label = text(b.label);
  const required = b.optional !== true;
  const choice = (value: string, shown: string, selected: boolean) =>
    `<option value="${esc(value)}"${selected ? " selected" : ""}>${esc(shown)}</option>`;
  const select = (options: string[]) =>
    `<label class="field"><span>${esc(label)}${required ? "" : " <i>(optional)</i>"}</span><select name="${esc(name)}"${required ? " required" : ""}>${options.join("")}</select></label>`;
  switch (e.type) {
    case "static_select": {
      const initial = (e.initial_option as { value?: string } | undefined)?.value;
      const options = ((e.options as Array<{ text: unknown; value: string }> | undefined) ?? []).map((o) =>
        choice(o.value, text(o.text), o.value === initial),
      );
      return select([choice("", text(e.placeholder) || "—", initial === undefined), ...options]);
    }
    case "conversations_select":
      return select([choice("", "—", true), ...channels.map((c) => choice(c.id, `#${c.name}`, false))]);
    default:
      return textInput(name, label, {
        multiline: e.multiline === true,
        value: typeof e.initial_value === "string" ? e.initial_value : "",
        placeholder: text(e.placeholder),
        required,
      });
  }
}

export function slackModalForm(
  opened: { callbackId: string; id: string; view: Json },
  channels: Array<{ id: string; name: string }>,
): ShownForm {
  const { callbackId, view } = opened;
  const fields = ((view.blocks as Json[] | undefined) ?? []).map((b) => {
    if (b.type === "input") return slackInput(b, channels);
    if (b.type === "section" || b.type === "context") return `<p>${esc(text(b.text))}</p>`;
    return "";
  });
  return {
    // views.update keeps the id and changes the view: a new form then.
    key: `slack:${callbackId}:${opened.id}:${JSON.stringify(view).length}`,
    html: form("slack", callbackId, text(view.title), fields, text(view.submit) || "Submit"),
  };
}

/** A Slack form's fields (`block_id/action_id` → value) as submitView takes them. */
export function slackValues(fields: Record<string, string>): Record<string, Record<string, string>> {
  const values: Record<string, Record<string, string>> = {};
  for (const [name, value] of Object.entries(fields)) {
    const [block = "", action = ""] = name.split("/");
    values[block] = { ...values[block], [action]: value };
  }
  return values;
}
