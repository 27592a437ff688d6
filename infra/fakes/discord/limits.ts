/**
 * What Discord's REST API refuses in a message and in a command registration, from its docs
 * (Message resource: create message limits; Embed limits; Component reference; Application
 * commands: naming and option limits), answered as Discord answers: 400, code 50035 "Invalid Form
 * Body", with an `errors` tree naming each field, or 50006 for an empty message.
 */

type Json = Record<string, unknown>;
type ErrorTree = { [key: string]: ErrorTree | Array<{ code: string; message: string }> };

export interface DiscordRefusal {
  status: number;
  body: { message: string; code: number; errors?: ErrorTree };
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

class Errors {
  readonly tree: ErrorTree = {};
  add(path: Array<string | number>, code: string, message: string) {
    let node = this.tree;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as ErrorTree;
    }
    node._errors ??= [];
    (node._errors as Array<{ code: string; message: string }>).push({ code, message });
  }
  get empty() {
    return Object.keys(this.tree).length === 0;
  }
}

const maxLength = (errors: Errors, path: Array<string | number>, value: unknown, max: number) => {
  if (typeof value === "string" && value.length > max) errors.add(path, "BASE_TYPE_MAX_LENGTH", `Must be ${max} or fewer in length.`);
};

const length = (v: unknown) => (typeof v === "string" ? v.length : 0);

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
    for (const [k, c] of items.entries()) {
      if (!isObject(c)) continue;
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

/** Discord's pattern for command and option names (chat input commands are lowercase). */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** The client languages Discord localizes into (Reference: Locales); a localization keyed otherwise is refused. */
const LOCALES = new Set([
  "id",
  "da",
  "de",
  "en-GB",
  "en-US",
  "es-ES",
  "es-419",
  "fr",
  "hr",
  "it",
  "lt",
  "hu",
  "nl",
  "no",
  "pl",
  "pt-BR",
  "ro",
  "fi",
  "sv-SE",
  "vi",
  "tr",
  "cs",
  "el",
  "bg",
  "ru",
  "uk",
  "hi",
  "th",
  "zh-CN",
  "ja",
  "zh-TW",
  "ko",
]);

/**
 * A `name_localizations` or `description_localizations` map: keys among Discord's locales, each
 * value held to the field's own rule (a description 1-100 characters; a name the name pattern,
 * lowercase for chat input, any 1-32 characters for a context-menu command).
 */
function checkLocalizations(
  errors: Errors,
  path: Array<string | number>,
  map: unknown,
  rule: "description" | "name" | "menu-name" | "choice-name",
) {
  if (map === undefined || map === null) return;
  if (!isObject(map)) {
    errors.add(path, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");
    return;
  }
  for (const [locale, value] of Object.entries(map)) {
    if (!LOCALES.has(locale)) {
      errors.add([...path, locale], "LOCALE_INVALID", `Invalid locale: ${locale}`);
      continue;
    }
    const text = typeof value === "string" ? value : "";
    const ok =
      rule === "name"
        ? NAME.test(text) && text === text.toLowerCase()
        : rule === "menu-name"
          ? text.length >= 1 && text.length <= 32
          : text.length >= 1 && text.length <= 100;
    if (!ok)
      errors.add(
        [...path, locale],
        rule === "name" ? "APPLICATION_COMMAND_INVALID_NAME" : "BASE_TYPE_BAD_LENGTH",
        rule === "name" ? "Command name is invalid" : `Must be between 1 and ${rule === "menu-name" ? 32 : 100} in length.`,
      );
  }
}

/** A command registration's refusal (bulk overwrite), or undefined. */
export function commandsRefusal(list: unknown): DiscordRefusal | undefined {
  const errors = new Errors();
  const commands = Array.isArray(list) ? list : [];
  if (commands.length > 100) errors.add([], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  const names = new Set<string>();
  for (const [i, c] of commands.entries()) {
    if (!isObject(c)) continue;
    const chatInput = c.type === undefined || c.type === 1;
    const name = typeof c.name === "string" ? c.name : "";
    if (!NAME.test(name) || (chatInput && name !== name.toLowerCase()))
      errors.add([i, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    if (names.has(`${c.type ?? 1}:${name}`))
      errors.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    names.add(`${c.type ?? 1}:${name}`);
    checkLocalizations(errors, [i, "name_localizations"], c.name_localizations, chatInput ? "name" : "menu-name");
    if (chatInput) {
      const d = typeof c.description === "string" ? c.description : "";
      if (d.length < 1 || d.length > 100) errors.add([i, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
      checkLocalizations(errors, [i, "description_localizations"], c.description_localizations, "description");
    } else {
      // A context-menu command (user or message) has a name only: no description, no options.
      if (typeof c.description === "string" && c.description.length > 0)
        errors.add([i, "description"], "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description");
      if (Array.isArray(c.options) && c.options.length > 0)
        errors.add([i, "options"], "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS", "Context menu commands cannot have options");
    }
    checkOptions(errors, [i, "options"], c.options);
  }
  if (errors.empty) return undefined;
  return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: errors.tree } };
}

function checkOptions(errors: Errors, path: Array<string | number>, options: unknown) {
  if (options === undefined) return;
  const list = Array.isArray(options) ? options : [];
  if (list.length > 25) errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  let optionalSeen = false;
  for (const [k, o] of list.entries()) {
    if (!isObject(o)) continue;
    const name = typeof o.name === "string" ? o.name : "";
    if (!NAME.test(name) || name !== name.toLowerCase())
      errors.add([...path, k, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    const d = typeof o.description === "string" ? o.description : "";
    if (d.length < 1 || d.length > 100)
      errors.add([...path, k, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
    checkLocalizations(errors, [...path, k, "name_localizations"], o.name_localizations, "name");
    checkLocalizations(errors, [...path, k, "description_localizations"], o.description_localizations, "description");
    // Required options come before optional ones.
    if (o.required === true && optionalSeen)
      errors.add(
        [...path, k, "required"],
        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
        "Required options must be placed before non-required options",
      );
    if (o.required !== true && o.type !== 1 && o.type !== 2) optionalSeen = true;
    const choices = Array.isArray(o.choices) ? o.choices : [];
    if (choices.length > 25) errors.add([...path, k, "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    for (const [j, ch] of choices.entries()) {
      if (isObject(ch) && (length(ch.name) < 1 || length(ch.name) > 100))
        errors.add([...path, k, "choices", j, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
      if (isObject(ch)) checkLocalizations(errors, [...path, k, "choices", j, "name_localizations"], ch.name_localizations, "choice-name");
    }
    checkOptions(errors, [...path, k, "options"], o.options);
  }
}

/** A text input of a modal, as the fake keeps it to check what the user submits. */
export interface ModalInput {
  customId: string;
  required: boolean;
  minLength: number;
  maxLength: number;
}

/**
 * A modal's refusal (interaction response type 9), from Discord's modal and text input limits:
 * a title of 1-45 characters, a custom_id of 1-100, one to five action rows each holding one
 * text input (type 4) with a custom_id, a label of 1-45, style 1 or 2, lengths within 0-4000.
 */
export function modalRefusal(data: Json): DiscordRefusal | undefined {
  const errors = new Errors();
  if (length(data.title) < 1) errors.add(["title"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, ["title"], data.title, 45);
  if (length(data.custom_id) < 1) errors.add(["custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
  maxLength(errors, ["custom_id"], data.custom_id, 100);
  const rows = Array.isArray(data.components) ? data.components : [];
  if (rows.length < 1 || rows.length > 5) errors.add(["components"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
  rows.forEach((row, r) => {
    const inputs = isObject(row) && Array.isArray(row.components) ? row.components : [];
    if (!isObject(row) || row.type !== 1 || inputs.length !== 1) {
      errors.add(["components", r], "COMPONENT_LAYOUT_WIDTH_EXCEEDED", "An action row in a modal holds exactly one text input.");
      return;
    }
    const input = inputs[0];
    const at = ["components", r, "components", 0];
    if (!isObject(input) || input.type !== 4) {
      errors.add(at, "COMPONENT_TYPE_INVALID", "A modal takes text inputs only.");
      return;
    }
    if (length(input.custom_id) < 1) errors.add([...at, "custom_id"], "BASE_TYPE_REQUIRED", "This field is required");
    maxLength(errors, [...at, "custom_id"], input.custom_id, 100);
    if (length(input.label) < 1) errors.add([...at, "label"], "BASE_TYPE_REQUIRED", "This field is required");
    maxLength(errors, [...at, "label"], input.label, 45);
    if (input.style !== 1 && input.style !== 2) errors.add([...at, "style"], "BASE_TYPE_CHOICES", "Value must be one of (1, 2).");
    for (const key of ["min_length", "max_length"] as const) {
      const v = input[key];
      if (v !== undefined && (typeof v !== "number" || v < (key === "min_length" ? 0 : 1) || v > 4000))
        errors.add([...at, key], "NUMBER_TYPE_MAX", "Must be between 0 and 4000.");
    }
    maxLength(errors, [...at, "value"], input.value, 4000);
    maxLength(errors, [...at, "placeholder"], input.placeholder, 100);
  });
  if (errors.empty) return undefined;
  return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: errors.tree } };
}

/** The text inputs of a modal that passed modalRefusal. */
export function modalInputs(data: Json): ModalInput[] {
  return (data.components as Array<{ components: Json[] }>).map(({ components: [input = {}] }) => ({
    customId: String(input.custom_id),
    required: input.required !== false,
    minLength: Number(input.min_length ?? 0),
    maxLength: Number(input.max_length ?? 4000),
  }));
}
