import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { commandsRefusal, messageRefusal, modalInputs, modalRefusal } from "./discord-limits.js";

/**
 * A local Discord: REST API v10 (interaction callbacks, webhook edits and follow-ups, channel
 * messages, DMs, command registration, a CDN for attachments) and a gateway WebSocket speaking
 * HELLO / IDENTIFY / READY / GUILD_CREATE / heartbeat / dispatch. discord.js connects to it
 * unchanged through its `rest.api` option; every REST call the bot makes is recorded. It refuses
 * what Discord refuses: messages beyond its limits (discord-limits.ts), commands whose names or
 * options break its rules, an interaction not answered within 3 s, a token past its 15 minutes,
 * channels the bot cannot see or write in (`noAccess`, `cannotSend`), DMs a user closed.
 */

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown> | null;
  at: number;
  status: number;
}

export interface FakeUser {
  id: string;
  username: string;
}

interface StoredMessage extends Record<string, unknown> {
  id: string;
  channel_id: string;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;
export function snowflake(): string {
  sequence = (sequence + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

const ALL_PERMISSIONS = "2251799813685247";

function userObject(u: FakeUser, bot = false) {
  return { id: u.id, username: u.username, global_name: u.username, discriminator: "0", avatar: null, bot, public_flags: 0 };
}

type Option = { name: string; type: number; value?: unknown; focused?: boolean; options?: Option[] };
type OptionValue = string | number | boolean;

export interface SlashOptions {
  name: string;
  guildId: string;
  channelId: string;
  user: FakeUser;
  /** Option values by name; an object is a subcommand with its own options (`{ set: { scope: "channel" } }`). */
  options?: Record<string, OptionValue | Record<string, OptionValue>>;
  /** Attachment options: option name → a file served by this fake (`serveFile`). */
  attachments?: Record<string, { fileName: string; contentType: string; size?: number }>;
  /** Resend an interaction Discord already delivered (same id and token). */
  id?: string;
}

/** Discord's deadline for an interaction's first answer. */
const INITIAL_RESPONSE_MS = 3_000;

export interface DiscordFake {
  /** How long an interaction token may edit its messages: 15 minutes, as Discord's; tests shorten it. */
  tokenLifetimeMs: number;
  /** Base of REST, as DISCORD_API_URL: `<origin>/api`. */
  apiUrl: string;
  origin: string;
  token: string;
  applicationId: string;
  calls: RecordedCall[];
  /** Resolves when a client has identified and been sent READY. */
  ready(): Promise<void>;
  addGuild(guild: { id: string; name: string; channelIds: string[] }): void;
  serveFile(fileName: string, bytes: Buffer): string;
  slashCommand(opts: SlashOptions): { id: string; token: string; sentAt: number; payload: Record<string, unknown> };
  autocomplete(opts: SlashOptions & { focused: string }): { id: string; token: string };
  /** Clicks a button on a message this fake holds (one the bot posted or edited). */
  clickButton(opts: { message: StoredMessage; customId: string; user: FakeUser; guildId: string }): {
    id: string;
    token: string;
    sentAt: number;
  };
  /**
   * The user fills in and submits a modal the bot showed them (interaction response type 9):
   * a MODAL_SUBMIT interaction with the values by input custom_id. Throws when no such modal was
   * shown to them, or when the values break its inputs' rules (Discord's client would not send them).
   */
  submitModal(opts: { user: FakeUser; customId: string; values: Record<string, string> }): { id: string; token: string; sentAt: number };
  /** A member's message in a channel, with files as Discord's CDN serves attachments. */
  userMessage(opts: {
    channelId: string;
    user: FakeUser;
    content?: string;
    files?: Array<{ fileName: string; contentType: string; bytes: Buffer }>;
  }): StoredMessage;
  /** A member runs a message command (a context-menu entry) on a message: an APPLICATION_COMMAND of type 3 with the message resolved. */
  messageCommand(opts: { name: string; guildId: string; user: FakeUser; message: StoredMessage }): {
    id: string;
    token: string;
    sentAt: number;
  };
  /** The modal last shown to a user with this custom_id, as the bot sent it. */
  shownModal(userId: string, customId: string): Record<string, unknown> | undefined;
  /** The interaction's original response as it stands, after the bot's edits. */
  original(token: string): StoredMessage | undefined;
  channelMessages(channelId: string): StoredMessage[];
  followUps(token: string): StoredMessage[];
  /** Answer the next `times` requests matching `path` with 429 and this Retry-After. */
  rateLimit(path: RegExp, times: number, retryAfterSeconds: number): void;
  /** Channels the bot cannot see (no View Channel): posting there answers 403 Missing Access (50001). */
  noAccess: Set<string>;
  /** Channels the bot sees but may not write in (no Send Messages): 403 Missing Permissions (50013). */
  cannotSend: Set<string>;
  /** A user's client language, as an interaction's `locale` says it (`de`, `fr`…); unset: en-US. */
  userLocales: Map<string, string>;
  /** A member's permissions in the guild, as Discord's bit string; unset: all of them, as the server's owner. */
  memberPermissions: Map<string, string>;
  /** Users who accept no DMs from the bot (closed DMs, no shared server, blocked): 403, 50007. */
  dmsClosed: Set<string>;
  /**
   * A channel's permissions the bot lacks, beyond seeing and writing: without Attach Files a
   * message carrying files answers 403 Missing Permissions (50013); without Read Message History
   * a reply to a message answers 400, 160002. Returns the undo.
   */
  deny(channelId: string, ...permissions: Array<"AttachFiles" | "ReadMessageHistory">): () => void;
  /** The largest file a message may carry (Discord: 10 MiB without boosts); larger answers 413, 40005. */
  attachmentLimitBytes: number;
  /** A message's uploaded file as Discord's CDN serves it. */
  attachment(url: string): Buffer | undefined;
  close(): Promise<void>;
}

export async function startDiscordFake(opts: { token?: string; applicationId?: string } = {}): Promise<DiscordFake> {
  const token = opts.token ?? "fake-discord-bot-token";
  const applicationId = opts.applicationId ?? snowflake();
  const botUser = { id: applicationId, username: "content-bot" };
  const calls: RecordedCall[] = [];
  const guilds = new Map<string, { id: string; name: string; channelIds: string[] }>();
  const files = new Map<string, Buffer>();
  const interactions = new Map<
    string,
    {
      id: string;
      type: number;
      user: FakeUser;
      acked: boolean;
      ephemeral: boolean;
      channelId: string;
      guildId: string;
      createdAt: number;
      message?: StoredMessage;
    }
  >();
  const originals = new Map<string, StoredMessage>();
  const followUps = new Map<string, StoredMessage[]>();
  const channels = new Map<string, StoredMessage[]>();
  const denied = new Map<string, Set<string>>();
  const modals = new Map<
    string,
    { data: Record<string, unknown>; channelId: string; guildId: string; message?: StoredMessage | undefined }
  >();
  const nonces = new Set<string>();
  const limits: Array<{ path: RegExp; left: number; retryAfter: number }> = [];
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let readyResolve: () => void = () => {};
  let readyPromise = new Promise<void>((r) => {
    readyResolve = r;
  });

  const message = (channelId: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}): StoredMessage => ({
    id: snowflake(),
    channel_id: channelId,
    author: userObject(botUser, true),
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    type: 0,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...body,
    ...extra,
  });

  const cdn = new Map<string, Buffer>();

  /**
   * The message's attachments after this request, as Discord keeps them: those of `attachments`
   * that name a kept one by id, and the uploads (`attachments[].id` is the upload's index);
   * embeds that show `attachment://<name>` point at the uploaded file's CDN URL.
   */
  function withAttachments(
    messageId: string,
    body: Record<string, unknown>,
    uploads: Array<{ index: number; name: string; bytes: Buffer; type: string }>,
    existing: unknown[] = [],
  ) {
    const listed = Array.isArray(body.attachments) ? (body.attachments as Array<{ id: string | number; filename?: string }>) : undefined;
    type Attachment = { id: string; filename: string; url: string };
    const kept = (existing as Attachment[]).filter((a) => listed === undefined || listed.some((l) => String(l.id) === a.id));
    const added = uploads.map((u) => {
      const id = snowflake();
      const name = listed?.find((l) => String(l.id) === String(u.index))?.filename ?? u.name;
      const path = `/attachments/${messageId}/${id}/${name}`;
      cdn.set(path, u.bytes);
      return {
        id,
        filename: name,
        size: u.bytes.length,
        url: `${origin}${path}`,
        proxy_url: `${origin}${path}`,
        content_type: u.type || "application/octet-stream",
      };
    });
    const attachments = [...kept, ...added];
    const byName = new Map(attachments.map((a) => [a.filename, a.url]));
    const embeds = Array.isArray(body.embeds)
      ? (body.embeds as Array<Record<string, unknown>>).map((e) => {
          const image = e.image as { url?: string } | undefined;
          const name = image?.url?.startsWith("attachment://") ? image.url.slice("attachment://".length) : undefined;
          return name && byName.has(name) ? { ...e, image: { ...image, url: byName.get(name) } } : e;
        })
      : undefined;
    return { ...body, attachments, ...(embeds ? { embeds } : {}) };
  }

  const server = createServer((req, res) => void handle(req, res));
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/gateway")) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => gateway(ws));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function send(ws: WebSocket, payload: Record<string, unknown>) {
    ws.send(JSON.stringify(payload));
  }

  function dispatch(t: string, d: unknown) {
    seq++;
    for (const ws of sockets) send(ws, { op: 0, t, s: seq, d });
  }

  function guildCreate(g: { id: string; name: string; channelIds: string[] }) {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: snowflake(),
      features: [],
      roles: [
        {
          id: g.id,
          name: "@everyone",
          permissions: ALL_PERMISSIONS,
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      members: [],
      presences: [],
      voice_states: [],
      threads: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      channels: g.channelIds.map((id, position) => ({
        id,
        type: 0,
        guild_id: g.id,
        name: `channel-${position}`,
        position,
        permission_overwrites: [],
      })),
      member_count: 1,
      large: false,
      unavailable: false,
      joined_at: new Date().toISOString(),
      premium_tier: 0,
      preferred_locale: "en-US",
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      system_channel_flags: 0,
    };
  }

  function gateway(ws: WebSocket) {
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      if (msg.op === 1) return send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        if (msg.d?.token !== token) return ws.close(4004, "Authentication failed.");
        seq++;
        send(ws, {
          op: 0,
          t: "READY",
          s: seq,
          d: {
            v: 10,
            user: { ...userObject(botUser, true), verified: true, mfa_enabled: false, flags: 0 },
            guilds: [...guilds.values()].map((g) => ({ id: g.id, unavailable: true })),
            session_id: snowflake(),
            resume_gateway_url: `${origin.replace("http", "ws")}/gateway`,
            shard: [0, 1],
            application: { id: applicationId, flags: 0 },
          },
        });
        for (const g of guilds.values()) {
          seq++;
          send(ws, { op: 0, t: "GUILD_CREATE", s: seq, d: guildCreate(g) });
        }
        readyResolve();
      }
    });
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  function json(res: ServerResponse, status: number, body: unknown) {
    if (status === 204) {
      res.writeHead(204);
      return res.end();
    }
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body === undefined ? "" : JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname.startsWith("/files/")) {
      const bytes = files.get(decodeURIComponent(url.pathname.slice("/files/".length)));
      if (!bytes) return json(res, 404, { message: "Unknown file" });
      res.writeHead(200, { "content-length": bytes.length, "content-type": "application/octet-stream" });
      return res.end(bytes);
    }
    if (method === "GET" && url.pathname.startsWith("/attachments/")) {
      const bytes = cdn.get(url.pathname);
      if (!bytes) return json(res, 404, { message: "Unknown attachment" });
      const type = url.pathname.endsWith(".png")
        ? "image/png"
        : url.pathname.endsWith(".jpg") || url.pathname.endsWith(".jpeg")
          ? "image/jpeg"
          : "application/octet-stream";
      res.writeHead(200, { "content-length": bytes.length, "content-type": type });
      return res.end(bytes);
    }
    const raw = await readBody(req);
    let body: Record<string, unknown> | null = null;
    const uploads: Array<{ index: number; name: string; bytes: Buffer; type: string }> = [];
    if (raw.length) {
      const type = req.headers["content-type"] ?? "";
      if (type.includes("multipart/form-data")) {
        // discord.js sends files as multipart: the JSON part is `payload_json`, each file `files[n]`.
        const form = await new Request(`${origin}/`, { method: "POST", headers: { "content-type": type }, body: raw }).formData();
        const payload = form.get("payload_json");
        body = typeof payload === "string" ? (JSON.parse(payload) as Record<string, unknown>) : {};
        for (const [key, value] of form.entries()) {
          const index = /^files\[(\d+)\]$/.exec(key)?.[1];
          if (index === undefined || typeof value === "string") continue;
          uploads.push({ index: Number(index), name: value.name, bytes: Buffer.from(await value.arrayBuffer()), type: value.type });
        }
      } else {
        body = JSON.parse(raw.toString("utf8")) as Record<string, unknown>;
      }
    }
    const tooLarge = uploads.find((u) => u.bytes.length > fake.attachmentLimitBytes);
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const call: RecordedCall = { method, path, query: url.searchParams, body, at: Date.now(), status: 200 };
    calls.push(call);
    const reply = (status: number, payload?: unknown) => {
      call.status = status;
      json(res, status, payload);
    };

    const limit = limits.find((l) => l.left > 0 && l.path.test(path));
    if (limit) {
      limit.left--;
      call.status = 429;
      res.writeHead(429, {
        "content-type": "application/json",
        "retry-after": String(limit.retryAfter),
        "x-ratelimit-scope": "user",
        "x-ratelimit-limit": "1",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset-after": String(limit.retryAfter),
        "x-ratelimit-bucket": "fake-bucket",
      });
      return res.end(JSON.stringify({ message: "You are being rate limited.", retry_after: limit.retryAfter, global: false }));
    }

    const botAuth = req.headers.authorization === `Bot ${token}`;
    if (tooLarge) return reply(413, { message: "Request entity too large", code: 40005 });
    let m: Array<string | undefined> = [];
    const route = (re: RegExp) => {
      const found = re.exec(path);
      m = found ? [...found] : [];
      return found !== null;
    };
    if (method === "GET" && path === "/gateway/bot") {
      if (!botAuth) return reply(401, { message: "401: Unauthorized", code: 0 });
      return reply(200, {
        url: `${origin.replace("http", "ws")}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === "GET" && path === "/users/@me") return reply(200, userObject(botUser, true));
    if (route(/^\/interactions\/(\d+)\/([^/]+)\/callback$/) && method === "POST") {
      const state = interactions.get(m[2] ?? "");
      // Discord forgets an interaction not answered within 3 seconds.
      if (!state || state.id !== m[1] || (!state.acked && Date.now() - state.createdAt > INITIAL_RESPONSE_MS))
        return reply(404, { message: "Unknown interaction", code: 10062 });
      if (state.acked) return reply(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      const type = Number(body?.type);
      const data = (body?.data ?? {}) as Record<string, unknown>;
      // A modal answers a command or a component, never another modal's submit.
      if (type === 9 && state.type === 5)
        return reply(400, {
          message: "Invalid Form Body",
          code: 50035,
          errors: { type: { _errors: [{ code: "INTERACTION_RESPONSE_TYPE_INVALID", message: "A modal cannot answer a modal submit." }] } },
        });
      const refused = type === 4 || type === 7 ? messageRefusal(data, { edit: type === 7 }) : type === 9 ? modalRefusal(data) : undefined;
      if (refused) return reply(refused.status, refused.body);
      state.acked = true;
      if (type === 9)
        modals.set(`${state.user.id}:${String(data.custom_id)}`, {
          data,
          channelId: state.channelId,
          guildId: state.guildId,
          message: state.message,
        });
      state.ephemeral = (Number(data.flags ?? 0) & 64) === 64;
      if (type === 4 || type === 5) {
        originals.set(
          m[2] ?? "",
          message(state.channelId, type === 4 ? data : { content: "" }, {
            flags: Number(data.flags ?? 0),
            type: 20,
            interaction_metadata: {
              id: state.id,
              type: state.type,
              user: userObject(state.user),
              authorizing_integration_owners: { "0": state.guildId },
            },
          }),
        );
      }
      if (url.searchParams.get("with_response") === "true") {
        return reply(200, {
          interaction: { id: state.id, type: 2, response_message_loading: type === 5, response_message_ephemeral: state.ephemeral },
          resource: { type, message: originals.get(m[2] ?? "") },
        });
      }
      return reply(204);
    }
    if (route(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/)) {
      const [, app, tok, which] = m;
      if (app !== applicationId || !tok) return reply(404, { message: "Unknown Webhook", code: 10015 });
      // An interaction token works for 15 minutes (tokenLifetimeMs), then every use is refused.
      const born = interactions.get(tok)?.createdAt;
      if (born !== undefined && Date.now() - born > fake.tokenLifetimeMs)
        return reply(401, { message: "Invalid Webhook Token", code: 50027 });
      const current = which === "@original" ? originals.get(tok) : followUps.get(tok)?.find((x) => x.id === which);
      if (!current) return reply(404, { message: "Unknown Message", code: 10008 });
      if (method === "GET") return reply(200, current);
      if (method === "DELETE") {
        if (which === "@original") originals.delete(tok);
        return reply(204);
      }
      if (method === "PATCH") {
        const refused = messageRefusal(body, { edit: true });
        if (refused) return reply(refused.status, refused.body);
        Object.assign(current, withAttachments(current.id, body ?? {}, uploads, current.attachments as unknown[]), {
          edited_timestamp: new Date().toISOString(),
        });
        return reply(200, current);
      }
    }
    if (route(/^\/webhooks\/(\d+)\/([^/]+)$/) && method === "POST") {
      const state = interactions.get(m[2] ?? "");
      if (!state) return reply(404, { message: "Unknown Webhook", code: 10015 });
      const refused = messageRefusal(body);
      if (refused) return reply(refused.status, refused.body);
      const id = snowflake();
      const msg = message(state.channelId, withAttachments(id, body ?? {}, uploads), { id });
      followUps.set(m[2] ?? "", [...(followUps.get(m[2] ?? "") ?? []), msg]);
      return reply(200, msg);
    }
    if (route(/^\/channels\/([^/]+)\/messages$/) && method === "POST") {
      if (!botAuth) return reply(401, { message: "401: Unauthorized", code: 0 });
      const channelId = m[1] ?? "";
      if (fake.noAccess.has(channelId)) return reply(403, { message: "Missing Access", code: 50001 });
      if (fake.cannotSend.has(channelId)) return reply(403, { message: "Missing Permissions", code: 50013 });
      if (uploads.length > 0 && denied.get(channelId)?.has("AttachFiles"))
        return reply(403, { message: "Missing Permissions", code: 50013 });
      if (
        (body?.message_reference as { message_id?: string } | undefined)?.message_id &&
        denied.get(channelId)?.has("ReadMessageHistory")
      ) {
        return reply(400, { message: "Cannot reply without permission to read message history", code: 160002 });
      }
      if (channelId.startsWith("dm") && fake.dmsClosed.has(channelId.slice(2)))
        return reply(403, { message: "Cannot send messages to this user", code: 50007 });
      const refused = messageRefusal(body);
      if (refused) return reply(refused.status, refused.body);
      const nonce = typeof body?.nonce === "string" ? `${channelId}:${body.nonce}` : undefined;
      if (nonce && body?.enforce_nonce && nonces.has(nonce)) {
        const existing = channels.get(channelId)?.find((x) => x.nonce === body?.nonce);
        return reply(200, existing);
      }
      // A reply must name a message of the same channel, unless it asks not to fail without one.
      const ref = body?.message_reference as { message_id?: string; fail_if_not_exists?: boolean } | undefined;
      if (ref?.message_id && ref.fail_if_not_exists !== false && !channels.get(channelId)?.some((x) => x.id === ref.message_id)) {
        return reply(400, {
          message: "Invalid Form Body",
          code: 50035,
          errors: { message_reference: { _errors: [{ code: "REPLIES_UNKNOWN_MESSAGE", message: "Unknown message" }] } },
        });
      }
      if (nonce) nonces.add(nonce);
      const id = snowflake();
      const msg = message(channelId, withAttachments(id, body ?? {}, uploads), { id });
      channels.set(channelId, [...(channels.get(channelId) ?? []), msg]);
      return reply(200, msg);
    }
    if (route(/^\/channels\/([^/]+)\/messages\/(\d+)$/) && method === "PATCH") {
      if (!botAuth) return reply(401, { message: "401: Unauthorized", code: 0 });
      const channelId = m[1] ?? "";
      // Editing its own message needs the bot to see the channel, not to be allowed to send there.
      if (fake.noAccess.has(channelId)) return reply(403, { message: "Missing Access", code: 50001 });
      if (uploads.length > 0 && denied.get(channelId)?.has("AttachFiles"))
        return reply(403, { message: "Missing Permissions", code: 50013 });
      const current = [...(channels.get(channelId) ?? []), ...originals.values()].find((x) => x.id === m[2] && x.channel_id === channelId);
      if (!current) return reply(404, { message: "Unknown Message", code: 10008 });
      if ((Number(current.flags ?? 0) & 64) === 64) return reply(404, { message: "Unknown Message", code: 10008 });
      const refused = messageRefusal(body, { edit: true });
      if (refused) return reply(refused.status, refused.body);
      Object.assign(current, withAttachments(current.id, body ?? {}, uploads, current.attachments as unknown[]), {
        edited_timestamp: new Date().toISOString(),
      });
      return reply(200, current);
    }
    if (path === "/users/@me/channels" && method === "POST") {
      if (!botAuth) return reply(401, { message: "401: Unauthorized", code: 0 });
      const recipient = String(body?.recipient_id ?? "");
      return reply(200, {
        id: `dm${recipient}`,
        type: 1,
        recipients: [userObject({ id: recipient, username: `user${recipient}` })],
        last_message_id: null,
      });
    }
    if (route(/^\/applications\/(\d+)(\/guilds\/(\d+))?\/commands$/) && method === "PUT") {
      if (!botAuth) return reply(401, { message: "401: Unauthorized", code: 0 });
      const list = Array.isArray(body) ? body : ((JSON.parse(raw.toString("utf8")) as unknown[]) ?? []);
      const refused = commandsRefusal(list);
      if (refused) return reply(refused.status, refused.body);
      return reply(
        200,
        (list as Array<Record<string, unknown>>).map((c) => ({
          ...c,
          id: snowflake(),
          application_id: applicationId,
          version: snowflake(),
          ...(m?.[3] ? { guild_id: m[3] } : {}),
        })),
      );
    }
    return reply(404, { message: `no fake route for ${method} ${path}`, code: 0 });
  }

  function base(opts: { guildId: string; channelId: string; user: FakeUser; id?: string; type: number }) {
    const id = opts.id ?? snowflake();
    const tok = `interaction-token-${id}`;
    if (!interactions.has(tok))
      interactions.set(tok, {
        id,
        type: opts.type,
        user: opts.user,
        acked: false,
        ephemeral: false,
        channelId: opts.channelId,
        guildId: opts.guildId,
        createdAt: Date.now(),
      });
    return {
      id,
      token: tok,
      payload: {
        id,
        application_id: applicationId,
        token: tok,
        version: 1,
        guild_id: opts.guildId,
        channel_id: opts.channelId,
        channel: { id: opts.channelId, type: 0, guild_id: opts.guildId, name: "general", permissions: ALL_PERMISSIONS },
        member: {
          user: userObject(opts.user),
          roles: [],
          permissions: fake.memberPermissions.get(opts.user.id) ?? ALL_PERMISSIONS,
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          nick: null,
          avatar: null,
          premium_since: null,
          pending: false,
        },
        app_permissions: ALL_PERMISSIONS,
        locale: fake.userLocales.get(opts.user.id) ?? "en-US",
        guild_locale: "en-US",
        entitlements: [],
        authorizing_integration_owners: { "0": opts.guildId },
        context: 0,
        attachment_size_limit: 26_214_400,
      } as Record<string, unknown>,
    };
  }

  function commandData(o: SlashOptions, focused?: string) {
    const optionOf = (name: string, value: OptionValue): Option => ({
      name,
      type: typeof value === "boolean" ? 5 : typeof value === "number" ? 4 : 3,
      value,
      ...(name === focused ? { focused: true } : {}),
    });
    const options: Option[] = Object.entries(o.options ?? {}).map(([name, value]) =>
      typeof value === "object" ? { name, type: 1, options: Object.entries(value).map(([n, v]) => optionOf(n, v)) } : optionOf(name, value),
    );
    const attachments: Record<string, unknown> = {};
    for (const [name, file] of Object.entries(o.attachments ?? {})) {
      const id = snowflake();
      const bytes = files.get(file.fileName);
      attachments[id] = {
        id,
        filename: file.fileName,
        size: file.size ?? bytes?.length ?? 0,
        url: `${origin}/files/${encodeURIComponent(file.fileName)}`,
        proxy_url: `${origin}/files/${encodeURIComponent(file.fileName)}`,
        content_type: file.contentType,
      };
      options.push({ name, type: 11, value: id });
    }
    return {
      id: snowflake(),
      name: o.name,
      type: 1,
      guild_id: o.guildId,
      options,
      ...(Object.keys(attachments).length ? { resolved: { attachments } } : {}),
    };
  }

  const fake: DiscordFake = {
    tokenLifetimeMs: 15 * 60_000,
    noAccess: new Set(),
    cannotSend: new Set(),
    deny(channelId, ...permissions) {
      const set = denied.get(channelId) ?? new Set();
      for (const p of permissions) set.add(p);
      denied.set(channelId, set);
      return () => {
        for (const p of permissions) set.delete(p);
      };
    },
    dmsClosed: new Set(),
    memberPermissions: new Map(),
    userLocales: new Map(),
    attachmentLimitBytes: 10 * 1024 * 1024,
    attachment: (u) => cdn.get(new URL(u).pathname),
    apiUrl: `${origin}/api`,
    origin,
    token,
    applicationId,
    calls,
    ready: () => readyPromise,
    addGuild(g) {
      guilds.set(g.id, g);
      if (sockets.size > 0) dispatch("GUILD_CREATE", guildCreate(g));
    },
    serveFile(fileName, bytes) {
      files.set(fileName, bytes);
      return `${origin}/files/${encodeURIComponent(fileName)}`;
    },
    slashCommand(o) {
      const b = base({ ...o, type: 2 });
      const payload = { ...b.payload, type: 2, data: commandData(o) };
      const sentAt = Date.now();
      dispatch("INTERACTION_CREATE", payload);
      return { id: b.id, token: b.token, sentAt, payload };
    },
    autocomplete(o) {
      const b = base({ ...o, type: 4 });
      dispatch("INTERACTION_CREATE", { ...b.payload, type: 4, data: commandData(o, o.focused) });
      return { id: b.id, token: b.token };
    },
    clickButton(o) {
      const b = base({ guildId: o.guildId, channelId: o.message.channel_id, user: o.user, type: 3 });
      const clicked = interactions.get(b.token);
      if (clicked) clicked.message = o.message;
      const sentAt = Date.now();
      dispatch("INTERACTION_CREATE", { ...b.payload, type: 3, message: o.message, data: { custom_id: o.customId, component_type: 2 } });
      return { id: b.id, token: b.token, sentAt };
    },
    submitModal(o) {
      const shown = modals.get(`${o.user.id}:${o.customId}`);
      if (!shown) throw new Error(`no modal ${o.customId} was shown to ${o.user.id}`);
      const inputs = modalInputs(shown.data);
      for (const input of inputs) {
        const value = o.values[input.customId] ?? "";
        if (
          (input.required && value.length === 0) ||
          (value.length > 0 && value.length < input.minLength) ||
          value.length > input.maxLength
        ) {
          throw new Error(`Discord's client would not submit ${input.customId}=${JSON.stringify(value)}`);
        }
      }
      modals.delete(`${o.user.id}:${o.customId}`);
      const b = base({ guildId: shown.guildId, channelId: shown.channelId, user: o.user, type: 5 });
      const sentAt = Date.now();
      dispatch("INTERACTION_CREATE", {
        ...b.payload,
        type: 5,
        ...(shown.message ? { message: shown.message } : {}),
        data: {
          custom_id: o.customId,
          components: inputs.map((i) => ({ type: 1, components: [{ type: 4, custom_id: i.customId, value: o.values[i.customId] ?? "" }] })),
        },
      });
      return { id: b.id, token: b.token, sentAt };
    },
    userMessage(o) {
      const attachments = (o.files ?? []).map((f) => {
        const url = fake.serveFile(`${snowflake()}-${f.fileName}`, f.bytes);
        return { id: snowflake(), filename: f.fileName, size: f.bytes.length, url, proxy_url: url, content_type: f.contentType };
      });
      const msg = { ...message(o.channelId, { content: o.content ?? "" }), author: userObject(o.user), attachments };
      channels.set(o.channelId, [...(channels.get(o.channelId) ?? []), msg]);
      return msg;
    },
    messageCommand(o) {
      const b = base({ guildId: o.guildId, channelId: o.message.channel_id, user: o.user, type: 2 });
      const sentAt = Date.now();
      dispatch("INTERACTION_CREATE", {
        ...b.payload,
        type: 2,
        data: { id: snowflake(), name: o.name, type: 3, target_id: o.message.id, resolved: { messages: { [o.message.id]: o.message } } },
      });
      return { id: b.id, token: b.token, sentAt };
    },
    shownModal: (userId, customId) => modals.get(`${userId}:${customId}`)?.data,
    original: (tok) => originals.get(tok),
    channelMessages: (id) => channels.get(id) ?? [],
    followUps: (tok) => followUps.get(tok) ?? [],
    rateLimit(path, times, retryAfterSeconds) {
      limits.push({ path, left: times, retryAfter: retryAfterSeconds });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      readyPromise = new Promise<void>((r) => {
        readyResolve = r;
      });
    },
  };
  return fake;
}
