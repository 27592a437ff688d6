/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";

/**
 * The root of every HTML page the app serves: `<!doctype html>` before `<html>`. Without it a
 * browser lays the page out in quirks mode (forms with a bottom margin, images in line boxes
 * sized by old rules, percentage heights against the viewport), which is not what the CSS is
 * written for. JSX has no doctype node, so it goes in as raw text.
 */
export function HtmlDocument(props: { lang: string; children: Child }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={props.lang}>{props.children}</html>
    </>
  );
}
