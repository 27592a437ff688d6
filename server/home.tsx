import { createHash } from "node:crypto";
import type { Hono } from "hono";
import type { AppEnv } from "./app-env.js";
import { HtmlDocument } from "./html-document.js";

/**
 * What `/` answers: a short page that leads to the gallery, the API's reference and, when
 * `npm start` runs it, the chat sandbox; and the icon browsers ask for at /favicon.ico.
 */

const CSS = `body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
li { margin: .4rem 0; }
a { color: #3451b2; }`;
const CSS_HASH = `sha256-${createHash("sha256").update(CSS).digest("base64")}`;

/** A 16×16 ICO, a blue square with rounded corners (the sandbox's icon's colour): 32-bit BGRA rows, bottom-up, then the AND mask. */
function favicon(): Buffer {
  const size = 16;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const cx = Math.min(x, size - 1 - x);
      const cy = Math.min(y, size - 1 - y);
      // Corners: transparent where a 3-pixel radius does not reach.
      const inside = cx >= 3 || cy >= 3 || (3 - cx) ** 2 + (3 - cy) ** 2 <= 10;
      pixels.set(inside ? [0xf2, 0x65, 0x58, 0xff] : [0, 0, 0, 0], (y * size + x) * 4);
    }
  const mask = Buffer.alloc(size * 4);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length + mask.length, 20);
  const image = Buffer.concat([header, pixels, mask]);
  const dir = Buffer.alloc(6 + 16);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(1, 4);
  dir.writeUInt8(size, 6);
  dir.writeUInt8(size, 7);
  dir.writeUInt16LE(1, 10);
  dir.writeUInt16LE(32, 12);
  dir.writeUInt32LE(image.length, 14);
  dir.writeUInt32LE(dir.length, 18);
  return Buffer.concat([dir, image]);
}

function HomePage(props: { sandbox: boolean }) {
  return (
    <HtmlDocument lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>content-generation</title>
        <style>{CSS}</style>
      </head>
      <body>
        <h1>content-generation</h1>
        <p>Pictures, transcripts and LoRAs made on request, from chat, the command line or the API.</p>
        <ul>
          <li>
            <a href="/app">The gallery</a>: your jobs and their files (sign in with a key).
          </li>
          <li>
            <a href="/api/docs">The API reference</a>, and its <a href="/api/openapi.json">OpenAPI document</a>.
          </li>
          {props.sandbox ? (
            <li>
              <a href="/sandbox">The chat sandbox</a>: the bots on a local Discord and Slack.
            </li>
          ) : null}
        </ul>
      </body>
    </HtmlDocument>
  );
}

/** `/` and `/favicon.ico`; the sandbox is linked when something mounted it on the same app (`npm start` without chat tokens). */
export function homeRoutes(app: Hono<AppEnv>) {
  const icon = favicon();
  app.get("/", (c) => {
    const sandbox = app.routes.some((r) => r.path === "/sandbox" || r.path.startsWith("/sandbox/"));
    c.header(
      "Content-Security-Policy",
      `default-src 'none'; style-src '${CSS_HASH}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(<HomePage sandbox={sandbox} />);
  });
  app.get("/favicon.ico", (c) =>
    c.body(new Uint8Array(icon), 200, { "Content-Type": "image/x-icon", "Cache-Control": "public, max-age=86400" }),
  );
}
