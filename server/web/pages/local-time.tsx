/** @jsxImportSource hono/jsx */
import { currentFormatLocale } from "../locale/current.js";

/** An instant as the server can say it without knowing the reader's time zone: in the viewer's locale, in UTC. */
export const utcText = (iso: string, locale = currentFormatLocale()) => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at)} UTC`;
};

/**
 * An instant, in UTC as the page is sent, which the page script rewrites in the reader's own
 * time zone, in the same locale (web/client/local-time.ts); the machine-readable instant stays in `datetime`.
 */
export function LocalTime(props: { iso: string }) {
  return (
    <time datetime={props.iso} data-local="">
      {utcText(props.iso)}
    </time>
  );
}
