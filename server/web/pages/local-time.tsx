/** @jsxImportSource hono/jsx */

/** An instant as the server can say it without knowing the reader: minutes, in UTC. */
export const utcText = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * An instant, in UTC as the page is sent, which the page script rewrites in the reader's own
 * time zone and language (web/client/local-time.ts); the machine-readable instant stays in `datetime`.
 */
export function LocalTime(props: { iso: string }) {
  return (
    <time datetime={props.iso} data-local="">
      {utcText(props.iso)}
    </time>
  );
}
