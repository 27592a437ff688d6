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

/** The page's language, for Intl: dates, numbers. */
export const pageLocale = () => document.documentElement.lang || undefined;
