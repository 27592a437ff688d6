import { pageLocale } from "./text.js";

/**
 * Instants in the reader's own time zone and language: the page says them in UTC (it cannot know
 * the reader's zone), and this rewrites each `<time data-local>` as, in English, "12 Mar 2026,
 * 14:03 · 5 minutes ago". The `datetime` attribute keeps the exact instant.
 */

const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/** How long ago (or ahead) an instant is, in the largest whole unit: "5 minutes ago", "vor 5 Minuten". */
export function relativeTime(at: Date, now = new Date(), locale?: string): string {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return "";
}

/** The instant's date and time where the reader is, and how long ago it was. */
export function humanDate(iso: string, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(at);
  return `${date} · ${relativeTime(at, new Date(), locale)}`;
}

export function localTimes(root: ParentNode = document) {
  for (const time of root.querySelectorAll<HTMLTimeElement>("time[data-local]")) {
    const iso = time.getAttribute("datetime");
    if (!iso) continue;
    time.title = time.textContent ?? "";
    time.textContent = humanDate(iso, pageLocale());
  }
}
