import type { Context, Hono, MiddlewareHandler } from "hono";
import type { RecordedCall } from "../handle.js";
import type { DiscordState, Upload } from "../state.js";

/**
 * What every REST request goes through before its route: its JSON body (or multipart, as
 * discord.js sends files: the JSON part is `payload_json`, each file `files[n]`) is read and the
 * call recorded; a rate limit a test set answers 429 as Discord does, then a file over the
 * attachment limit 413. Paths are recorded without the `/api/v10` prefix, as `rateLimit` matches them.
 */

export type DiscordEnv = {
  Variables: { call: RecordedCall; body: Record<string, unknown> | null; uploads: Upload[] };
};
export type DiscordApp = Hono<DiscordEnv>;
export type DiscordContext = Context<DiscordEnv>;

/** Discord's answer, recorded on the call: JSON, or nothing at all for 204. */
export function reply(c: DiscordContext, status: number, payload?: unknown): Response {
  c.get("call").status = status;
  if (status === 204) return new Response(null, { status });
  return new Response(payload === undefined ? "" : JSON.stringify(payload), { status, headers: { "content-type": "application/json" } });
}

/** Routes that need the bot's token answer 401 without it. */
export function botOnly(state: DiscordState): MiddlewareHandler<DiscordEnv> {
  return async (c, next) => {
    if (c.req.header("authorization") !== `Bot ${state.token}`) return reply(c, 401, { message: "401: Unauthorized", code: 0 });
    await next();
  };
}

export const noRoute = (c: DiscordContext) =>
  reply(c, 404, { message: `no fake route for ${c.req.method} ${c.get("call").path}`, code: 0 });

async function readBody(c: DiscordContext): Promise<{ body: Record<string, unknown> | null; uploads: Upload[] }> {
  const raw = Buffer.from(await c.req.arrayBuffer());
  const uploads: Upload[] = [];
  if (!raw.length) return { body: null, uploads };
  const type = c.req.header("content-type") ?? "";
  if (!type.includes("multipart/form-data")) return { body: JSON.parse(raw.toString("utf8")) as Record<string, unknown>, uploads };
  const form = await new Response(raw, { headers: { "content-type": type } }).formData();
  const payload = form.get("payload_json");
  for (const [key, value] of form.entries()) {
    const index = /^files\[(\d+)\]$/.exec(key)?.[1];
    if (index === undefined || typeof value === "string") continue;
    uploads.push({ index: Number(index), name: value.name, bytes: Buffer.from(await value.arrayBuffer()), type: value.type });
  }
  return { body: typeof payload === "string" ? (JSON.parse(payload) as Record<string, unknown>) : {}, uploads };
}

export function restPipeline(state: DiscordState): MiddlewareHandler<DiscordEnv> {
  return async (c, next) => {
    const { body, uploads } = await readBody(c);
    const url = new URL(c.req.url);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const call: RecordedCall = { method: c.req.method, path, query: url.searchParams, body, at: Date.now(), status: 200 };
    state.calls.push(call);
    c.set("call", call);
    c.set("body", body);
    c.set("uploads", uploads);
    const limit = state.limits.find((l) => l.left > 0 && l.path.test(path));
    if (limit) {
      limit.left--;
      call.status = 429;
      return new Response(JSON.stringify({ message: "You are being rate limited.", retry_after: limit.retryAfter, global: false }), {
        status: 429,
        headers: {
          "content-type": "application/json",
          "retry-after": String(limit.retryAfter),
          "x-ratelimit-scope": "user",
          "x-ratelimit-limit": "1",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": String(limit.retryAfter),
          "x-ratelimit-bucket": "fake-bucket",
        },
      });
    }
    if (uploads.some((u) => u.bytes.length > state.settings.attachmentLimitBytes))
      return reply(c, 413, { message: "Request entity too large", code: 40005 });
    await next();
  };
}
