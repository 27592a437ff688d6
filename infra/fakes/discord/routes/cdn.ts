import type { DiscordState } from "../state.js";
import type { DiscordApp } from "./rest.js";

const json404 = (message: string) =>
  new Response(JSON.stringify({ message }), { status: 404, headers: { "content-type": "application/json" } });

/** Discord's CDN, outside REST: members' files and command attachments at /files/, the bot's message attachments at /attachments/. */
export function cdnRoutes(app: DiscordApp, state: DiscordState) {
  app.get("/files/*", (c) => {
    const bytes = state.files.get(decodeURIComponent(new URL(c.req.url).pathname.slice("/files/".length)));
    if (!bytes) return json404("Unknown file");
    return c.body(new Uint8Array(bytes), 200, { "content-length": String(bytes.length), "content-type": "application/octet-stream" });
  });

  app.get("/attachments/*", (c) => {
    const path = new URL(c.req.url).pathname;
    const bytes = state.cdn.get(path);
    if (!bytes) return json404("Unknown attachment");
    const type = path.endsWith(".png")
      ? "image/png"
      : path.endsWith(".jpg") || path.endsWith(".jpeg")
        ? "image/jpeg"
        : "application/octet-stream";
    return c.body(new Uint8Array(bytes), 200, { "content-length": String(bytes.length), "content-type": type });
  });
}
