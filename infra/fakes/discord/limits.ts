/**
 * What Discord's REST API refuses in a message, from its docs (Message resource: create message
 * limits; Embed limits; Component reference), answered as Discord answers: 400, code 50035
 * "Invalid Form Body", with an `errors` tree naming each field, or 50006 for an empty message.
 * Commands: command-limits.ts; modals: modal-limits.ts.
 */

import { type DiscordRefusal, Errors, type Json, isObject, length, maxLength } from "./form-errors.js";

const STRING_SELECT = 3;

/**
 * A string select's refusal (Component reference, String Select): a custom_id of 1-100, a
 * placeholder of 150 at most, 1-25 options each with a label and value of 1-100 and a description
 * of 100 at most, values unique, and min_values (0-25) ≤ max_values (1-25) ≤ the options.
 */
function stringSelect(errors: Errors, at: Array<string | number>, c: Json): void {
  if (typeof c.custom_id !== "string" || c.custom_id.length === 0)
    errors.add([...at, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, [...at, "placeholder"], c.placeholder, 150);
  const options = Array.isArray(c.options) ? c.options : [];
  if (options.length < 1 || options.length > 25)
    errors.add([...at, "options"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 25 in length.");
  const values = new Set<string>();
  for (const [k, o] of options.entries()) {
    if (!isObject(o)) continue;
    for (const key of ["label", "value"] as const) {
      if (length(o[key]) < 1) errors.add([...at, "options", k, key], "BASE_TYPE_REQUIRED", "This field is required");
      maxLength(errors, [...at, "options", k, key], o[key], 100);
    }
    maxLength(errors, [...at, "options", k, "description"], o.description, 100);
    if (typeof o.value === "string") {
      if (values.has(o.value))
        errors.add([...at, "options", k, "value"], "SELECT_COMPONENT_OPTION_VALUE_DUPLICATED", "Component option values must be unique");
      values.add(o.value);
    }
  }
  const min = c.min_values ?? 1;
  const max = c.max_values ?? 1;
  if (typeof min !== "number" || !Number.isInteger(min) || min < 0 || min > 25)
    errors.add([...at, "min_values"], "NUMBER_TYPE_MAX", "Must be between 0 and 25.");
  if (typeof max !== "number" || !Number.isInteger(max) || max < 1 || max > 25)
    errors.add([...at, "max_values"], "NUMBER_TYPE_MAX", "Must be between 1 and 25.");
  else if (typeof min === "number" && min > max)
    errors.add([...at, "min_values"], "SELECT_COMPONENT_MIN_VALUES_TOO_HIGH", "min_values must be at most max_values.");
  else if (max > options.length)
    errors.add([...at, "max_values"], "SELECT_COMPONENT_MAX_VALUES_TOO_HIGH", "max_values must be at most the number of options.");
}

/** Characters Discord counts toward an embed's 6000: title, description, field names and values, footer, author. */
function embedSize(e: Json): number {
  const fields = Array.isArray(e.fields) ? e.fields.filter(isObject).reduce((n, f) => n + length(f.name) + length(f.value), 0) : 0;
  const footer = isObject(e.footer) ? length(e.footer.text) : 0;
  const author = isObject(e.author) ? length(e.author.name) : 0;
  return length(e.title) + length(e.description) + fields + footer + author;
}

/**
 * A message body's refusal (create, edit, interaction response, follow-up), or undefined.
 * `edit`: an edit may leave out what it does not change, so it is never "empty".
 */
export function messageRefusal(body: Json | null, opts: { edit?: boolean } = {}): DiscordRefusal | undefined {
  const b = body ?? {};
  const errors = new Errors();
  maxLength(errors, ["content"], b.content, 2000);
  const embeds = Array.isArray(b.embeds) ? b.embeds : [];
  if (embeds.length > 10) errors.add(["embeds"], "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
  let total = 0;
  for (const [i, e] of embeds.entries()) {
    if (!isObject(e)) continue;
    maxLength(errors, ["embeds", i, "title"], e.title, 256);
    maxLength(errors, ["embeds", i, "description"], e.description, 4096);
    if (isObject(e.footer)) maxLength(errors, ["embeds", i, "footer", "text"], e.footer.text, 2048);
    if (isObject(e.author)) maxLength(errors, ["embeds", i, "author", "name"], e.author.name, 256);
    const fields = Array.isArray(e.fields) ? e.fields : [];
    if (fields.length > 25) errors.add(["embeds", i, "fields"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    for (const [k, f] of fields.entries()) {
      if (!isObject(f)) continue;
      maxLength(errors, ["embeds", i, "fields", k, "name"], f.name, 256);
      maxLength(errors, ["embeds", i, "fields", k, "value"], f.value, 1024);
    }
    total += embedSize(e);
  }
  if (total > 6000) errors.add(["embeds"], "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000");
  const rows = Array.isArray(b.components) ? b.components : [];
  if (rows.length > 5) errors.add(["components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
  const customIds = new Set<string>();
  for (const [r, row] of rows.entries()) {
    const items = isObject(row) && Array.isArray(row.components) ? row.components : [];
    if (items.length > 5) errors.add(["components", r, "components"], "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
    // An action row holds up to five buttons, or one select menu alone.
    if (items.length > 1 && items.some((c) => isObject(c) && c.type === STRING_SELECT))
      errors.add(["components", r, "components"], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "A select menu must be alone in its action row.");
    for (const [k, c] of items.entries()) {
      if (!isObject(c)) continue;
      if (c.type === STRING_SELECT) stringSelect(errors, ["components", r, "components", k], c);
      maxLength(errors, ["components", r, "components", k, "custom_id"], c.custom_id, 100);
      maxLength(errors, ["components", r, "components", k, "label"], c.label, 80);
      // A link button (style 5) opens its url and has no custom id; every other button is the reverse.
      if (c.type === 2 && c.style === 5) {
        if (typeof c.url !== "string" || !/^(https?|discord):\/\//.test(c.url))
          errors.add(["components", r, "components", k, "url"], "BUTTON_COMPONENT_INVALID_URL", "A link button needs an http(s) url");
        maxLength(errors, ["components", r, "components", k, "url"], c.url, 512);
        if (c.custom_id !== undefined)
          errors.add(
            ["components", r, "components", k, "custom_id"],
            "BUTTON_COMPONENT_CUSTOM_ID_INVALID",
            "A link button cannot have a custom id",
          );
      } else if (c.type === 2) {
        if (c.url !== undefined)
          errors.add(["components", r, "components", k, "url"], "BUTTON_COMPONENT_URL_INVALID", "Only a link button can have a url");
        if (typeof c.custom_id !== "string" || c.custom_id.length === 0)
          errors.add(["components", r, "components", k, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
      }
      if (typeof c.custom_id === "string") {
        if (customIds.has(c.custom_id))
          errors.add(
            ["components", r, "components", k, "custom_id"],
            "COMPONENT_CUSTOM_ID_DUPLICATED",
            "Component custom id cannot be duplicated",
          );
        customIds.add(c.custom_id);
      }
    }
  }
  if (!errors.empty) return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: errors.tree } };
  const hasAttachments = Array.isArray(b.attachments) && b.attachments.length > 0;
  if (
    !opts.edit &&
    !length(b.content) &&
    embeds.length === 0 &&
    rows.length === 0 &&
    !hasAttachments &&
    b.sticker_ids === undefined &&
    b.poll === undefined
  ) {
    return { status: 400, body: { message: "Cannot send an empty message", code: 50006 } };
  }
  return undefined;
}
