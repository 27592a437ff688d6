import type { ClientText } from "../../server/web/locale/client-text.js";

/**
 * The script's words in the page's language, as the server put them on the page's body (the CSP
 * runs no inline script, and an attribute is only data). `{name}` in a text is filled from `values`.
 */
let cached: ClientText | undefined;

export function text(): ClientText {
  cached ??= JSON.parse(document.body.dataset.clientText ?? "{}") as ClientText;
  return cached;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The locale for Intl (dates, numbers): the one the server wrote the page's dates in (its viewer's
 * Accept-Language tag of the page's language, so a reader in en-GB or de-AT keeps their region's
 * formats), else the browser's own when it is of the page's language, else the page's language.
 */
export function pageLocale(): string | undefined {
  const chosen = document.body.dataset.formatLocale;
  if (chosen) return chosen;
  const lang = document.documentElement.lang;
  if (!lang) return undefined;
  return navigator.languages.find((l) => l.toLowerCase().split("-")[0] === lang) ?? lang;
}
