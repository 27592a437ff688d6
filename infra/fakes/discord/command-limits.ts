/**
 * What Discord refuses in a command registration and in autocomplete's answer, from its docs
 * (Application Commands: naming, the command and option structures, option choices, and the
 * size of a whole command), answered as Discord answers: 400, 50035, the `errors` tree.
 */

import { type DiscordRefusal, Errors, type Json, invalidFormBody, isObject, length } from "./form-errors.js";

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

/**
 * A slash command's size as Discord counts it against its 8000 characters: the name,
 * description and value of the command, of each of its options (subcommands and groups
 * included) and of each choice (its name and value), a localized field counting as its longest
 * text, the default included (Application Commands: Slash Commands). A number's value counts
 * as its decimal text.
 */
const COMMAND_SIZE_MAX = 8000;

function longest(text: unknown, localizations: unknown): number {
  const all = [text, ...(isObject(localizations) ? Object.values(localizations) : [])];
  return Math.max(...all.map((t) => (typeof t === "number" ? String(t).length : length(t))));
}

function commandSize(c: Json): number {
  const options = Array.isArray(c.options) ? c.options.filter(isObject) : [];
  const choices = Array.isArray(c.choices) ? c.choices.filter(isObject) : [];
  return (
    longest(c.name, c.name_localizations) +
    longest(c.description, c.description_localizations) +
    choices.reduce((n, ch) => n + longest(ch.name, ch.name_localizations) + longest(ch.value, undefined), 0) +
    options.reduce((n, o) => n + commandSize(o), 0)
  );
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
    // Chat input names take the pattern, lowercase; user and message commands any 1-32 characters, mixed case and spaces too.
    if (chatInput ? !NAME.test(name) || name !== name.toLowerCase() : name.length < 1 || name.length > 32)
      errors.add([i, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    if (names.has(`${c.type ?? 1}:${name}`))
      errors.add([i, "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique");
    names.add(`${c.type ?? 1}:${name}`);
    checkLocalizations(errors, [i, "name_localizations"], c.name_localizations, chatInput ? "name" : "menu-name");
    if (chatInput) {
      const d = typeof c.description === "string" ? c.description : "";
      if (d.length < 1 || d.length > 100) errors.add([i, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
      checkLocalizations(errors, [i, "description_localizations"], c.description_localizations, "description");
      if (commandSize(c) > COMMAND_SIZE_MAX)
        errors.add([i], "APPLICATION_COMMAND_TOO_LARGE", `Command exceeds maximum size (${COMMAND_SIZE_MAX})`);
    } else {
      // A context-menu command (user or message) has a name only: no description, no options.
      if (typeof c.description === "string" && c.description.length > 0)
        errors.add([i, "description"], "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description");
      if (Array.isArray(c.options) && c.options.length > 0)
        errors.add([i, "options"], "APPLICATION_COMMAND_CONTEXT_MENU_OPTIONS", "Context menu commands cannot have options");
    }
    checkOptions(errors, [i, "options"], c.options);
  }
  return invalidFormBody(errors);
}

/**
 * A choice, of an option's registration or of autocomplete's answer: a name of 1-100 characters
 * (its localizations too), a string value of at most 100 (Application Command Option Choice).
 */
function checkChoice(errors: Errors, path: Array<string | number>, ch: unknown) {
  if (!isObject(ch)) return;
  if (length(ch.name) < 1 || length(ch.name) > 100)
    errors.add([...path, "name"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
  if (typeof ch.value === "string" && ch.value.length > 100)
    errors.add([...path, "value"], "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.");
  if (typeof ch.value !== "string" && typeof ch.value !== "number")
    errors.add([...path, "value"], "BASE_TYPE_REQUIRED", "This field is required");
  checkLocalizations(errors, [...path, "name_localizations"], ch.name_localizations, "choice-name");
}

/** An option's `min_length` (0-6000) or `max_length` (1-6000), for strings (Application Command Option Structure). */
function checkLengthBound(errors: Errors, path: Array<string | number>, value: unknown, min: number) {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value)) errors.add(path, "NUMBER_TYPE_COERCE", `Value "${value}" is not int.`);
  else if (value < min) errors.add(path, "NUMBER_TYPE_MIN", `Must be greater than or equal to ${min}.`);
  else if (value > 6000) errors.add(path, "NUMBER_TYPE_MAX", "Must be less than or equal to 6000.");
}

function checkOptions(errors: Errors, path: Array<string | number>, options: unknown) {
  if (options === undefined) return;
  const list = Array.isArray(options) ? options : [];
  if (list.length > 25) errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  let optionalSeen = false;
  const names = new Set<string>();
  for (const [k, o] of list.entries()) {
    if (!isObject(o)) continue;
    const name = typeof o.name === "string" ? o.name : "";
    if (!NAME.test(name) || name !== name.toLowerCase())
      errors.add([...path, k, "name"], "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid");
    // An option's name is unique among its siblings.
    if (names.has(name)) errors.add([...path, k, "name"], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option names must be unique");
    names.add(name);
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
    checkLengthBound(errors, [...path, k, "min_length"], o.min_length, 0);
    checkLengthBound(errors, [...path, k, "max_length"], o.max_length, 1);
    const choices = Array.isArray(o.choices) ? o.choices : [];
    if (choices.length > 25) errors.add([...path, k, "choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
    for (const [j, ch] of choices.entries()) checkChoice(errors, [...path, k, "choices", j], ch);
    // "autocomplete may not be set to true if choices are present".
    if (o.autocomplete === true && choices.length > 0)
      errors.add([...path, k, "autocomplete"], "APPLICATION_COMMAND_AUTOCOMPLETE_CHOICES", "Autocomplete cannot be set with choices");
    checkOptions(errors, [...path, k, "options"], o.options);
  }
}

/**
 * Autocomplete's answer (interaction response type 8): at most 25 choices (Receiving and
 * Responding: Autocomplete), each within the choice rules. Paths are the answer's own; Discord
 * reports them under `data` (`data.choices[0].name`).
 */
export function autocompleteRefusal(data: Json): DiscordRefusal | undefined {
  const errors = new Errors();
  if (!Array.isArray(data.choices)) errors.add(["choices"], "BASE_TYPE_REQUIRED", "This field is required");
  const choices = Array.isArray(data.choices) ? data.choices : [];
  if (choices.length > 25) errors.add(["choices"], "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
  for (const [j, ch] of choices.entries()) checkChoice(errors, ["choices", j], ch);
  return invalidFormBody(errors);
}

type Given = Record<string, string | number | boolean | Record<string, string | number | boolean>>;

/**
 * Why a member's client would not send these option values to a registered command, or undefined:
 * an option registered with `choices` is sent only as one of them, Discord's client offering
 * nothing else to pick (Application Command Option Structure). A command not registered is not
 * checked here.
 */
export function commandInputRefusal(commands: Array<Record<string, unknown>>, name: string, given: Given | undefined): string | undefined {
  const command = commands.find((c) => c.name === name && (c.type === undefined || c.type === 1));
  if (!command) return undefined;
  const check = (options: unknown, values: Given, prefix: string): string | undefined => {
    const list = (Array.isArray(options) ? options : []).filter(isObject);
    for (const [key, value] of Object.entries(values)) {
      const option = list.find((o) => o.name === key);
      if (!option) continue;
      if (typeof value === "object") {
        const refusal = check(option.options, value, `${prefix}${key} `);
        if (refusal) return refusal;
        continue;
      }
      const choices = (Array.isArray(option.choices) ? option.choices : []).filter(isObject);
      if (choices.length && !choices.some((ch) => ch.value === value))
        return `Discord's client would not send ${prefix}${key}:${String(value)}: ${key} takes one of its choices (${choices
          .map((ch) => String(ch.value))
          .join(", ")})`;
    }
    return undefined;
  };
  return check(command.options, given ?? {}, `/${name} `);
}
