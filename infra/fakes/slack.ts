import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { checkBlocks, checkModalView, isPrivateHost } from "./slack-blocks.js";

/**
 * A local Slack: the Web API methods the app uses (chat.postMessage, chat.update,
 * chat.postEphemeral, files.info, users.info, auth.test, the files upload flow), response_url
 * endpoints, private file downloads that need the bot token, and the OAuth install flow
 * (`/oauth/v2/authorize`, `oauth.v2.access`) that gives each workspace its own bot token. The
 * app's WebClient points here via `slackApiUrl`; requests and events to the app are signed the
 * way Slack signs them. It refuses what Slack refuses: blocks beyond Block Kit's limits and
 * pictures it cannot download (`invalid_blocks`, see slack-blocks.ts), messages without text or
 * too long, response URLs used more than five times or after 30 minutes, posts in conversations
 * the bot is not in or of another workspace than the token's, more than a short burst of
 * chat.postMessage in one channel (429, Retry-After), methods outside the token's scopes, revoked
 * tokens, and OAuth codes that are reused, expired or for another redirect URI.
 */

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
  status: number;
  /** Slack's error code when it refused the call. */
  error?: string;
  /** The workspace of the installed bot token that made the call (none for the single-workspace token). */
  team?: string;
}

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  updates: number;
  /** The parent's ts for a reply in a thread. */
  threadTs?: string;
  /** A file share: the ids of the files it shows. */
  files?: string[];
}

export interface SlackFake {
  /** As SLACK_API_URL. */
  apiUrl: string;
  origin: string;
  botToken: string;
  signingSecret: string;
  calls: SlackCall[];
  /** POSTs Slack received on response URLs: the ephemeral answers to commands and buttons. */
  responses: Array<{ id: string; body: Record<string, unknown>; at: number }>;
  messages(channel: string): SlackMessage[];
  ephemerals: Array<{ channel: string; user: string; text: string; blocks: unknown }>;
  /** A response_url as Slack would send with a command in `channel`: an `in_channel` answer to it appears there. */
  responseUrl(channel?: string): string;
  /** A file shared in Slack; returns its permalink. */
  addFile(file: { name: string; mimetype: string; bytes: Buffer; userId?: string }): string;
  /** Answer the next `times` calls of `method` with 429 and this Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /** Answer the next `times` calls of `method` (to `channel`, if given) with `{ ok: false, error }`, as Slack's `internal_error`. */
  failCalls(method: string, times: number, error: string, channel?: string): () => void;
  /** Workspace admins: users.info says `is_admin` for them. */
  admins: Set<string>;
  /** A user's Slack language (`de-DE`…), which users.info gives with include_locale; unset: en-US. */
  userLocales: Map<string, string>;
  /** Conversations the bot is not in (a private channel or DM): posting there answers `not_in_channel`. */
  botNotIn: Set<string>;
  /**
   * Whether Slack can download pictures from this machine's addresses, as it can from a deployment
   * with public URLs. Off, as for any local setup: an image block with a local image_url is refused.
   */
  reachesLocalImages: boolean;
  /** How long a response_url answers (Slack: 30 minutes); tests shorten it. */
  responseUrlLifetimeMs: number;
  /** The bot token's scopes: those the app's manifest asks for; a method needing another answers `missing_scope`. */
  scopes: Set<string>;
  /** A file the app uploaded (files.getUploadURLExternal, then its upload URL), with where it is shared. */
  uploaded(fileId: string): { name: string; bytes: Buffer; channels: Set<string>; complete: boolean } | undefined;
  /**
   * chat.postMessage in one channel: Slack allows about one a second, with short bursts. Past
   * `burst` without a second's pause it answers 429 with Retry-After. Undefined: no limit.
   */
  channelPostLimit: { burst: number; perSecond: number } | undefined;
  /** The app's OAuth credentials, as in its settings' Basic Information. */
  oauth: { clientId: string; clientSecret: string };
  /** Slack's authorize page, as SLACK_AUTHORIZE_URL. */
  authorizeUrl: string;
  /** The app's redirect URLs (its manifest's `redirect_urls`): an authorize or a code exchange naming another is refused. */
  redirectUrls: Set<string>;
  /**
   * A trigger id as Slack sends with `userId`'s command or button: views.open takes it once, within
   * 3 seconds (`expired_trigger_id`); one Slack did not issue is `invalid_trigger_id`.
   */
  triggerId(userId?: string): string;
  /** The App Home view the app last published for a user (views.publish). */
  homeView(userId: string): Record<string, unknown> | undefined;
  /** The user opens the app's Home tab: Slack sends `app_home_opened`, signed, to `eventsUrl`; returns the app's status. */
  openHome(opts: { teamId: string; userId: string; eventsUrl: string }): Promise<number>;
  /** A modal the app opened (views.open), by its callback_id, for `userId`. */
  openedView(userId: string, callbackId: string): { id: string; view: Record<string, unknown> } | undefined;
  /**
   * The user submits a modal the app opened for them: a signed view_submission with the values
   * by block_id and action_id, sent to `eventsUrl`. Returns the app's status and answer (an
   * empty one closes the modal; `response_action: "errors"` keeps it open). Throws when no such
   * modal is open for them, or a required input is empty (Slack's client would not send it).
   */
  submitView(opts: {
    userId: string;
    teamId: string;
    callbackId: string;
    values: Record<string, Record<string, string>>;
    eventsUrl: string;
  }): Promise<{ status: number; body: string }>;
  /**
   * A member runs one of the app's shortcuts: `message_action` on a message (with its files), or
   * a global `shortcut`; signed, with a trigger id and (for a message) a response URL for its
   * conversation. Returns the app's status.
   */
  shortcut(opts: {
    type: "message_action" | "shortcut";
    callbackId: string;
    teamId: string;
    userId: string;
    channelId?: string;
    message?: { ts: string; text?: string; files?: Array<{ id: string; name: string; mimetype: string }> };
    eventsUrl: string;
  }): Promise<{ status: number; triggerId: string; responseUrl?: string }>;
  /** How long an OAuth code can be exchanged (Slack: 10 minutes); tests shorten it. */
  codeLifetimeMs: number;
  /** A browser session of a member of `teamId`: the cookie to send to the authorize page to approve an install as them. */
  signIn(teamId: string, userId: string, teamName?: string): string;
  /** Makes `channelId` a conversation of `teamId`: another workspace's bot token gets `channel_not_found` there. */
  addChannel(channelId: string, teamId: string): void;
  /** The workspace whose bot token made a call, if it was an installed one. */
  teamOfToken(token: string): string | undefined;
  /**
   * An admin removes the app from the team: its bot tokens (and a single-workspace token) answer
   * `token_revoked` from now on, and Slack sends the app `app_uninstalled` and `tokens_revoked`
   * at `eventsUrl`, signed. Returns the statuses the app answered them with.
   */
  uninstall(teamId: string, eventsUrl: string): Promise<number[]>;
  close(): Promise<void>;
}

/** Headers Slack sends with a request: `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const sig = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${sig}` };
}

export function slashCommandBody(c: {
  command: string;
  text: string;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
  userName?: string;
}) {
  return new URLSearchParams({
    token: "deprecated-verification-token",
    team_id: c.teamId,
    team_domain: `team-${c.teamId.toLowerCase()}`,
    channel_id: c.channelId,
    channel_name: "general",
    user_id: c.userId,
    user_name: c.userName ?? `user-${c.userId.toLowerCase()}`,
    command: c.command,
    text: c.text,
    api_app_id: "A0FAKEAPP",
    is_enterprise_install: "false",
    response_url: c.responseUrl,
    trigger_id: c.triggerId,
  }).toString();
}

export function blockActionBody(a: {
  actionId: string;
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  responseUrl: string;
  messageTs?: string;
  ephemeral?: boolean;
}) {
  const payload = {
    type: "block_actions",
    user: { id: a.userId, username: `user-${a.userId.toLowerCase()}`, name: `user-${a.userId.toLowerCase()}`, team_id: a.teamId },
    api_app_id: "A0FAKEAPP",
    token: "deprecated-verification-token",
    container: { type: "message", message_ts: a.messageTs ?? "1.0", channel_id: a.channelId, is_ephemeral: a.ephemeral ?? false },
    trigger_id: a.triggerId,
    team: { id: a.teamId, domain: `team-${a.teamId.toLowerCase()}` },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: a.channelId, name: "general" },
    message: { ts: a.messageTs ?? "1.0", type: "message", text: "" },
    response_url: a.responseUrl,
    actions: [
      {
        action_id: a.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "button" },
        type: "button",
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The scope each Web API method needs (api.slack.com/methods/<method>). */
const METHOD_SCOPES: Record<string, string> = {
  "chat.postMessage": "chat:write",
  "chat.update": "chat:write",
  "chat.postEphemeral": "chat:write",
  "files.info": "files:read",
  "users.info": "users:read",
  "files.getUploadURLExternal": "files:write",
  "files.completeUploadExternal": "files:write",
  "files.delete": "files:write",
};

const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
};

/** The bot scopes the app's manifest asks for, as an install grants them. */
function manifestScopes(): string[] {
  const manifest = readFileSync(path.resolve(import.meta.dirname, "../../bots/slack/manifest.yml"), "utf8");
  return [...(/ {4}bot:\n((?: {6}- \S+\n)+)/.exec(manifest)?.[1] ?? "").matchAll(/- (\S+)/g)].map((m) => m[1] ?? "");
}

/** A bot token and what it may do: the single-workspace token works in any team; an installed one in its own. */
interface Grant {
  teamId?: string;
  /** Undefined for the single-workspace token: the fake's `scopes`, which a test may change. */
  scopes?: Set<string>;
  revoked: boolean;
  botUserId: string;
  botId: string;
}

/** Slack's events to the app: an event_callback envelope, as the Events API sends it. */
function eventBody(teamId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "deprecated-verification-token",
    team_id: teamId,
    api_app_id: "A0FAKEAPP",
    event: { ...event, event_ts: `${Date.now() / 1000}` },
    type: "event_callback",
    event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
  });
}

export async function startSlackFake(): Promise<SlackFake> {
  const botToken = `xoxb-${randomBytes(12).toString("hex")}`;
  const signingSecret = randomBytes(16).toString("hex");
  const grants = new Map<string, Grant>();
  const channelTeams = new Map<string, string>();
  const sessions = new Map<string, { teamId: string; userId: string; teamName: string }>();
  const codes = new Map<
    string,
    { teamId: string; teamName: string; userId: string; scopes: string[]; redirectUri: string; issuedAt: number; used: boolean }
  >();
  const postBuckets = new Map<string, { tokens: number; at: number }>();
  const triggers = new Map<string, { issuedAt: number; used: boolean; user: string }>();
  const views = new Map<string, { id: string; user: string; view: Record<string, unknown> }>();
  const homes = new Map<string, Record<string, unknown>>();
  const calls: SlackCall[] = [];
  const responses: SlackFake["responses"] = [];
  const channels = new Map<string, SlackMessage[]>();
  const botNotIn = new Set<string>();
  const responseUrls = new Map<string, { issuedAt: number; uses: number; channel?: string | undefined }>();
  const ephemerals: SlackFake["ephemerals"] = [];
  const files = new Map<string, { id: string; name: string; mimetype: string; bytes: Buffer; user: string }>();
  const uploads = new Map<
    string,
    { name: string; length: number; bytes?: Buffer; channels: Set<string>; complete: boolean; mimetype: string }
  >();
  const limits: Array<{ method: string; left: number; retryAfter: number }> = [];
  const failures: Array<{ method: string; left: number; error: string; channel?: string | undefined }> = [];
  let tsCounter = 0;
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, "0")}`;

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function readBytes(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    return (await readBytes(req)).toString("utf8");
  }

  function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  function parseArgs(raw: string, type: string): Record<string, unknown> {
    if (!raw) return {};
    if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      // WebClient form-encodes arrays and objects as JSON strings.
      out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
    }
    return out;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    if (req.method === "GET" && url.pathname.startsWith("/files-pri/")) {
      const id = url.pathname.split("/")[2] ?? "";
      const file = files.get(id);
      const grant = grants.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
      if (!grant || grant.revoked) return json(res, 403, { ok: false, error: "not_authed" });
      if (!file) return json(res, 404, { ok: false, error: "file_not_found" });
      res.writeHead(200, { "content-type": file.mimetype, "content-length": file.bytes.length });
      return res.end(file.bytes);
    }
    if (req.method === "POST" && url.pathname.startsWith("/upload/v1/")) {
      // Slack's upload URL takes the file's bytes as the body; its answer is plain text.
      const upload = uploads.get(url.pathname.slice("/upload/v1/".length));
      let bytes = await readBytes(req);
      const type = req.headers["content-type"] ?? "";
      if (type.includes("multipart/form-data")) {
        // The SDK sends the file as a multipart part; its field name does not matter to Slack.
        const form = await new Request(`${origin}/`, { method: "POST", headers: { "content-type": type }, body: bytes }).formData();
        const file = [...form.values()].find((v): v is File => typeof v !== "string");
        bytes = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
      }
      res.writeHead(upload ? 200 : 404, { "content-type": "text/plain" });
      if (!upload) return res.end("not found");
      upload.bytes = bytes;
      return res.end(`OK - ${bytes.length}`);
    }
    const raw = await readBody(req);
    if (req.method === "POST" && url.pathname.startsWith("/response/")) {
      // Slack answers a response_url in plain text: "ok", or the error with a 4xx status.
      const text = (status: number, body: string) => {
        res.writeHead(status, { "content-type": "text/plain" });
        res.end(body);
      };
      const id = url.pathname.split("/")[2] ?? "";
      const issued = responseUrls.get(id);
      if (!issued) return text(404, "no_service");
      if (Date.now() - issued.issuedAt > fake.responseUrlLifetimeMs) return text(404, "expired_url");
      if (issued.uses >= 5) return text(404, "used_url");
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw || "{}") as Record<string, unknown>;
      } catch {
        return text(400, "invalid_payload");
      }
      const problem = await messageProblem(body, String(body.channel ?? ""));
      if (problem) return text(400, problem.error);
      issued.uses++;
      responses.push({ id, body, at: Date.now() });
      // An in_channel answer is a message of the conversation the command came from, by the app.
      if (body.response_type === "in_channel" && issued.channel) {
        const msg: SlackMessage = {
          channel: issued.channel,
          ts: nextTs(),
          text: String(body.text ?? ""),
          blocks: (body.blocks as SlackMessage["blocks"]) ?? [],
          updates: 0,
        };
        channels.set(issued.channel, [...(channels.get(issued.channel) ?? []), msg]);
      }
      return text(200, "ok");
    }
    if (req.method === "GET" && url.pathname === "/oauth/v2/authorize") return authorize(url, req, res);
    const method = url.pathname.replace(/^\/api\//, "");
    const args = parseArgs(raw, req.headers["content-type"] ?? "");
    const call: SlackCall = { method, args, at: Date.now(), status: 200 };
    calls.push(call);
    const limit = limits.find((l) => l.method === method && l.left > 0);
    if (limit) {
      limit.left--;
      call.status = 429;
      return json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(limit.retryAfter) });
    }
    if (method === "oauth.v2.access") return exchangeCode(args, req, res, call);
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const grant = grants.get(token);
    const refuse = (error: string, more: Record<string, unknown> = {}) => {
      call.error = error;
      return json(res, 200, { ok: false, error, ...more });
    };
    if (!grant) return refuse("invalid_auth");
    if (grant.teamId) call.team = grant.teamId;
    if (grant.revoked) return refuse("token_revoked");
    const needed = METHOD_SCOPES[method];
    const scopes = grant.scopes ?? fake.scopes;
    if (needed && !scopes.has(needed)) return refuse("missing_scope", { needed, provided: [...scopes].join(",") });
    const channel = String(args.channel ?? "");
    // A conversation of another workspace does not exist for this token.
    const target = channel || (typeof args.channel_id === "string" ? args.channel_id : "");
    if (grant.teamId && target && channelTeams.has(target) && channelTeams.get(target) !== grant.teamId) return refuse("channel_not_found");
    if (method === "chat.postMessage" && fake.channelPostLimit && !takePostSlot(channel, fake.channelPostLimit)) {
      call.status = 429;
      call.error = "ratelimited";
      return json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "1" });
    }
    const failure = failures.find((f) => f.method === method && f.left > 0 && (f.channel === undefined || f.channel === channel));
    if (failure) {
      failure.left--;
      call.error = failure.error;
      return json(res, 200, { ok: false, error: failure.error });
    }
    if (method === "chat.postMessage" || method === "chat.update" || method === "chat.postEphemeral") {
      if (botNotIn.has(channel)) {
        call.error = "not_in_channel";
        return json(res, 200, { ok: false, error: "not_in_channel" });
      }
      const problem = await messageProblem(args, channel);
      if (problem) {
        call.error = problem.error;
        return json(res, 200, { ok: false, ...problem });
      }
    }
    switch (method) {
      case "auth.test": {
        const teamId = grant.teamId ?? "T0FAKE";
        return json(res, 200, {
          ok: true,
          url: `https://team-${teamId.toLowerCase()}.slack.com/`,
          team: teamId,
          user: "content-bot",
          team_id: teamId,
          user_id: grant.botUserId,
          bot_id: grant.botId,
        });
      }
      case "chat.postMessage": {
        const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
        // A reply names a message of the same channel as its parent.
        if (threadTs && !channels.get(channel)?.some((m) => m.ts === threadTs))
          return json(res, 200, { ok: false, error: "thread_not_found" });
        const msg: SlackMessage = {
          channel,
          ts: nextTs(),
          text: String(args.text ?? ""),
          blocks: (args.blocks as SlackMessage["blocks"]) ?? [],
          updates: 0,
          ...(threadTs ? { threadTs } : {}),
        };
        channels.set(channel, [...(channels.get(channel) ?? []), msg]);
        return json(res, 200, { ok: true, channel, ts: msg.ts, message: { text: msg.text, ts: msg.ts } });
      }
      case "chat.update": {
        const msg = channels.get(channel)?.find((m) => m.ts === args.ts);
        if (!msg) {
          call.error = "message_not_found";
          return json(res, 200, { ok: false, error: "message_not_found" });
        }
        msg.text = String(args.text ?? msg.text);
        msg.blocks = (args.blocks as SlackMessage["blocks"]) ?? msg.blocks;
        msg.updates++;
        return json(res, 200, { ok: true, channel, ts: msg.ts, text: msg.text });
      }
      case "chat.postEphemeral":
        ephemerals.push({ channel, user: String(args.user ?? ""), text: String(args.text ?? ""), blocks: args.blocks });
        return json(res, 200, { ok: true, message_ts: nextTs() });
      case "files.info": {
        const file = files.get(String(args.file ?? ""));
        if (!file) return json(res, 200, { ok: false, error: "file_not_found" });
        return json(res, 200, {
          ok: true,
          file: {
            id: file.id,
            name: file.name,
            mimetype: file.mimetype,
            size: file.bytes.length,
            user: file.user,
            url_private: `${origin}/files-pri/${file.id}/${encodeURIComponent(file.name)}`,
            url_private_download: `${origin}/files-pri/${file.id}/download/${encodeURIComponent(file.name)}`,
            permalink: `${origin}/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
          },
        });
      }
      case "files.getUploadURLExternal": {
        const filename = typeof args.filename === "string" ? args.filename : "";
        const length = Number(args.length);
        if (!filename || !Number.isInteger(length) || length <= 0) return json(res, 200, { ok: false, error: "invalid_arguments" });
        const id = `F${randomBytes(5).toString("hex").toUpperCase()}`;
        const ext = filename.split(".").pop()?.toLowerCase() ?? "";
        uploads.set(id, {
          name: filename,
          length,
          channels: new Set(),
          complete: false,
          mimetype: IMAGE_TYPES[ext] ?? "application/octet-stream",
        });
        return json(res, 200, { ok: true, upload_url: `${origin}/upload/v1/${id}`, file_id: id });
      }
      case "files.completeUploadExternal": {
        const list = Array.isArray(args.files) ? (args.files as Array<{ id?: string; title?: string }>) : [];
        if (list.length === 0) return json(res, 200, { ok: false, error: "invalid_arguments" });
        const found = list.map((f) => uploads.get(String(f.id ?? "")));
        // A file whose bytes never arrived, or not as many as announced, cannot be completed.
        if (found.some((u) => !u?.bytes || u.bytes.length !== u.length)) return json(res, 200, { ok: false, error: "file_not_found" });
        const target = typeof args.channel_id === "string" ? args.channel_id : undefined;
        const threadTs = typeof args.thread_ts === "string" ? args.thread_ts : undefined;
        if (target && botNotIn.has(target)) return json(res, 200, { ok: false, error: "not_in_channel" });
        if (target && threadTs && !channels.get(target)?.some((m) => m.ts === threadTs && !m.threadTs))
          return json(res, 200, { ok: false, error: "thread_not_found" });
        for (const u of found) {
          if (!u) continue;
          u.complete = true;
          if (target) u.channels.add(target);
        }
        if (target) {
          const msg: SlackMessage = {
            channel: target,
            ts: nextTs(),
            text: "",
            blocks: [],
            updates: 0,
            files: list.map((f) => String(f.id)),
            ...(threadTs ? { threadTs } : {}),
          };
          channels.set(target, [...(channels.get(target) ?? []), msg]);
        }
        return json(res, 200, {
          ok: true,
          files: list.map((f, i) => ({ id: f.id, title: f.title ?? found[i]?.name, name: found[i]?.name, mimetype: found[i]?.mimetype })),
        });
      }
      case "files.delete": {
        const id = String(args.file ?? "");
        if (!uploads.delete(id)) return json(res, 200, { ok: false, error: "file_not_found" });
        // Its shares go with it.
        for (const [c, list] of channels)
          channels.set(
            c,
            list.filter((m) => !m.files?.includes(id)),
          );
        return json(res, 200, { ok: true });
      }
      case "views.open": {
        const trigger = triggers.get(String(args.trigger_id ?? ""));
        if (!trigger) return refuse("invalid_trigger_id");
        // Slack takes a trigger once, and only for 3 seconds after the interaction it came with.
        if (trigger.used || Date.now() - trigger.issuedAt > 3_000) return refuse("expired_trigger_id");
        const problems = checkModalView(args.view);
        if (problems.length) return refuse("invalid_arguments", { response_metadata: { messages: problems.map((m) => `[ERROR] ${m}`) } });
        trigger.used = true;
        const view = args.view as Record<string, unknown>;
        const id = `V${randomBytes(5).toString("hex").toUpperCase()}`;
        // The modal opens for whoever's interaction the trigger came with.
        views.set(`${trigger.user}:${String(view.callback_id ?? "")}`, { id, user: trigger.user, view });
        return json(res, 200, { ok: true, view: { id, ...view } });
      }
      case "views.publish": {
        const view = args.view as Record<string, unknown> | undefined;
        if (typeof args.user_id !== "string" || !args.user_id) return refuse("invalid_arguments");
        if (view?.type !== "home")
          return refuse("invalid_arguments", { response_metadata: { messages: ["[ERROR] must be home [json-pointer:/view/type]"] } });
        const problems = await checkBlocks(view.blocks, {
          channel: "",
          canFetch: (u) => fake.reachesLocalImages || !isPrivateHost(u.hostname),
          file: (fileId) => {
            const u = uploads.get(fileId);
            return u?.complete ? { channels: u.channels, mimetype: u.mimetype } : undefined;
          },
        });
        if (problems.length || !Array.isArray(view.blocks) || view.blocks.length > 100)
          return refuse("invalid_blocks", { errors: problems });
        homes.set(args.user_id, view);
        return json(res, 200, { ok: true, view: { id: `V${randomBytes(5).toString("hex").toUpperCase()}`, ...view } });
      }
      case "users.info":
        return json(res, 200, {
          ok: true,
          user: {
            id: args.user,
            name: `user-${String(args.user).toLowerCase()}`,
            real_name: "Fake User",
            team_id: grant.teamId ?? "T0FAKE",
            is_admin: fake.admins.has(String(args.user)),
            is_owner: false,
            // Slack gives the user's locale only when asked for it.
            ...(args.include_locale === true || args.include_locale === "true"
              ? { locale: fake.userLocales.get(String(args.user)) ?? "en-US" }
              : {}),
          },
        });
      default:
        return json(res, 200, { ok: false, error: "unknown_method" });
    }
  }

  /** A token bucket per channel: `burst` posts at once, refilled at `perSecond`. */
  function takePostSlot(channel: string, limit: { burst: number; perSecond: number }): boolean {
    const now = Date.now();
    const b = postBuckets.get(channel) ?? { tokens: limit.burst, at: now };
    b.tokens = Math.min(limit.burst, b.tokens + ((now - b.at) / 1000) * limit.perSecond);
    b.at = now;
    postBuckets.set(channel, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /**
   * Slack's authorize page (oauth/v2/authorize): the app's client id, the bot scopes it asks for,
   * a registered redirect URI and its state. A browser signed in to a workspace approves and is
   * sent back to the redirect URI with a one-time code; without a session it is asked to sign in.
   */
  function authorize(url: URL, req: IncomingMessage, res: ServerResponse) {
    const page = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><p>${body}</p>`);
    };
    const q = url.searchParams;
    if (q.get("client_id") !== fake.oauth.clientId) return page(400, "invalid_client_id");
    const redirectUri = q.get("redirect_uri") ?? "";
    if (!fake.redirectUrls.has(redirectUri)) return page(400, "bad_redirect_uri");
    const scopes = (q.get("scope") ?? "").split(",").filter(Boolean);
    const known = new Set([...Object.values(METHOD_SCOPES), ...manifestScopes()]);
    if (scopes.length === 0 || scopes.some((sc) => !known.has(sc))) return page(400, "invalid_scope");
    const session = sessions.get(/(?:^|;\s*)slack_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "");
    if (!session) return page(200, "Sign in to your workspace to continue.");
    const code = `${Date.now()}.${randomBytes(12).toString("hex")}`;
    codes.set(code, { ...session, scopes, redirectUri, issuedAt: Date.now(), used: false });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    const state = q.get("state");
    if (state) back.searchParams.set("state", state);
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  /** oauth.v2.access: the app's credentials and a fresh code for the redirect URI it was issued to, for the workspace's bot token. */
  function exchangeCode(args: Record<string, unknown>, req: IncomingMessage, res: ServerResponse, call: SlackCall) {
    const refuse = (error: string) => {
      call.error = error;
      return json(res, 200, { ok: false, error });
    };
    // The credentials come as parameters or as HTTP Basic auth.
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, "base64").toString("utf8").split(":") : [];
    const clientId = String(args.client_id ?? basicId ?? "");
    const clientSecret = String(args.client_secret ?? basicSecret ?? "");
    if (clientId !== fake.oauth.clientId) return refuse("invalid_client_id");
    if (clientSecret !== fake.oauth.clientSecret) return refuse("bad_client_secret");
    const code = codes.get(String(args.code ?? ""));
    if (!code || code.used || Date.now() - code.issuedAt > fake.codeLifetimeMs) return refuse("invalid_code");
    // Slack requires the exchange to name the redirect URI the authorize did.
    if (args.redirect_uri !== undefined && args.redirect_uri !== code.redirectUri) return refuse("bad_redirect_uri");
    code.used = true;
    const token = `xoxb-${code.teamId.toLowerCase()}-${randomBytes(12).toString("hex")}`;
    const botUserId = `U0BOT${code.teamId.slice(1, 6).toUpperCase()}`;
    grants.set(token, {
      teamId: code.teamId,
      scopes: new Set(code.scopes),
      revoked: false,
      botUserId,
      botId: `B0BOT${code.teamId.slice(1, 6).toUpperCase()}`,
    });
    return json(res, 200, {
      ok: true,
      access_token: token,
      token_type: "bot",
      scope: code.scopes.join(","),
      bot_user_id: botUserId,
      app_id: "A0FAKEAPP",
      team: { id: code.teamId, name: code.teamName },
      enterprise: null,
      is_enterprise_install: false,
      authed_user: { id: code.userId },
    });
  }

  /** Slack's refusal of a message's text and blocks, or undefined when it takes it. */
  async function messageProblem(
    args: Record<string, unknown>,
    channel: string,
  ): Promise<{ error: string; errors?: string[]; response_metadata?: unknown } | undefined> {
    const text = typeof args.text === "string" ? args.text : "";
    const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
    if (!text && !hasBlocks && args.attachments === undefined) return { error: "no_text" };
    if (text.length > 40_000) return { error: "msg_too_long" };
    const errors = await checkBlocks(args.blocks, {
      channel,
      canFetch: (u) => fake.reachesLocalImages || !isPrivateHost(u.hostname),
      file: (id) => {
        const u = uploads.get(id);
        return u?.complete ? { channels: u.channels, mimetype: u.mimetype } : undefined;
      },
    });
    if (errors.length === 0) return undefined;
    return { error: "invalid_blocks", errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
  }

  const fake: SlackFake = {
    apiUrl: `${origin}/api/`,
    origin,
    botToken,
    signingSecret,
    calls,
    responses,
    ephemerals,
    messages: (channel) => channels.get(channel) ?? [],
    responseUrl(channel) {
      const id = randomBytes(8).toString("hex");
      responseUrls.set(id, { issuedAt: Date.now(), uses: 0, channel });
      return `${origin}/response/${id}`;
    },
    addFile(f) {
      const id = `F${randomBytes(5).toString("hex").toUpperCase()}`;
      const user = f.userId ?? "U0FILEOWNER";
      files.set(id, { id, name: f.name, mimetype: f.mimetype, bytes: f.bytes, user });
      return `https://fake-team.slack.com/files/${user}/${id}/${encodeURIComponent(f.name)}`;
    },
    rateLimit(method, times, retryAfterSeconds) {
      limits.push({ method, left: times, retryAfter: retryAfterSeconds });
    },
    failCalls(method, times, error, channel) {
      const failure = { method, left: times, error, channel };
      failures.push(failure);
      // Stops what is left of it.
      return () => {
        failure.left = 0;
      };
    },
    botNotIn,
    admins: new Set(),
    userLocales: new Map(),
    reachesLocalImages: false,
    responseUrlLifetimeMs: 30 * 60_000,
    scopes: new Set(manifestScopes()),
    uploaded(id) {
      const u = uploads.get(id);
      return u ? { name: u.name, bytes: u.bytes ?? Buffer.alloc(0), channels: u.channels, complete: u.complete } : undefined;
    },
    channelPostLimit: { burst: 3, perSecond: 1 },
    oauth: { clientId: `${Date.now()}.${randomBytes(4).readUInt32BE()}`, clientSecret: randomBytes(16).toString("hex") },
    authorizeUrl: `${origin}/oauth/v2/authorize`,
    redirectUrls: new Set(),
    codeLifetimeMs: 10 * 60_000,
    signIn(teamId, userId, teamName) {
      const id = randomBytes(12).toString("hex");
      sessions.set(id, { teamId, userId, teamName: teamName ?? `Team ${teamId}` });
      return `slack_session=${id}`;
    },
    addChannel(channelId, teamId) {
      channelTeams.set(channelId, teamId);
    },
    teamOfToken: (token) => grants.get(token)?.teamId,
    triggerId(userId = "") {
      const id = `${Date.now()}.${randomBytes(6).readUIntBE(0, 6)}.${randomBytes(8).toString("hex")}`;
      triggers.set(id, { issuedAt: Date.now(), used: false, user: userId });
      return id;
    },
    openedView(userId, callbackId) {
      const v = views.get(`${userId}:${callbackId}`);
      return v ? { id: v.id, view: v.view } : undefined;
    },
    homeView: (userId) => homes.get(userId),
    async openHome(o) {
      const body = eventBody(o.teamId, { type: "app_home_opened", user: o.userId, channel: `D${o.userId.slice(1)}`, tab: "home" });
      const res = await fetch(o.eventsUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...slackSignature(signingSecret, body) },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    },
    async shortcut(o) {
      const triggerId = fake.triggerId(o.userId);
      const responseUrl = o.type === "message_action" && o.channelId ? fake.responseUrl(o.channelId) : undefined;
      const payload = {
        type: o.type,
        callback_id: o.callbackId,
        trigger_id: triggerId,
        action_ts: `${Date.now() / 1000}`,
        team: { id: o.teamId, domain: `team-${o.teamId.toLowerCase()}` },
        user: { id: o.userId, username: `user-${o.userId.toLowerCase()}`, name: `user-${o.userId.toLowerCase()}`, team_id: o.teamId },
        api_app_id: "A0FAKEAPP",
        token: "deprecated-verification-token",
        is_enterprise_install: false,
        enterprise: null,
        ...(o.type === "message_action"
          ? {
              channel: { id: o.channelId, name: "general" },
              message_ts: o.message?.ts,
              message: { type: "message", user: "U0POSTER", ts: o.message?.ts, text: o.message?.text ?? "", files: o.message?.files ?? [] },
              response_url: responseUrl,
            }
          : {}),
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const res = await fetch(o.eventsUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(signingSecret, body) },
        body,
      });
      await res.arrayBuffer();
      return { status: res.status, triggerId, ...(responseUrl ? { responseUrl } : {}) };
    },
    async submitView(o) {
      const opened = fake.openedView(o.userId, o.callbackId);
      if (!opened) throw new Error(`no modal ${o.callbackId} is open for ${o.userId}`);
      const blocks =
        (opened.view.blocks as Array<{
          type: string;
          block_id?: string;
          optional?: boolean;
          element?: {
            type?: string;
            action_id?: string;
            options?: Array<{ text: unknown; value: string }>;
            min_value?: string;
            max_value?: string;
          };
        }>) ?? [];
      const state: Record<string, Record<string, Record<string, unknown>>> = {};
      const responseUrls: Array<{ block_id: string; action_id: string; channel_id: string; response_url: string }> = [];
      for (const b of blocks.filter((x) => x.type === "input")) {
        const blockId = b.block_id ?? "";
        const actionId = b.element?.action_id ?? "";
        const type = b.element?.type ?? "plain_text_input";
        const value = o.values[blockId]?.[actionId] ?? "";
        if (!b.optional && value === "") throw new Error(`Slack's client would not submit an empty ${blockId}`);
        if (type === "static_select") {
          // Only one of the options can be picked.
          const option = b.element?.options?.find((x) => x.value === value);
          if (value && !option) throw new Error(`${blockId} has no option ${value}`);
          state[blockId] = { [actionId]: { type, selected_option: option ?? null } };
        } else if (type === "conversations_select") {
          state[blockId] = { [actionId]: { type, selected_conversation: value || null } };
          // Slack gives a response URL for the picked conversation when the input asks for one.
          if (value && (b.element as { response_url_enabled?: boolean }).response_url_enabled)
            responseUrls.push({ block_id: blockId, action_id: actionId, channel_id: value, response_url: fake.responseUrl(value) });
        } else if (type === "number_input") {
          const n = Number(value);
          const { min_value: lo, max_value: hi } = b.element ?? {};
          if (value && (Number.isNaN(n) || (lo !== undefined && n < Number(lo)) || (hi !== undefined && n > Number(hi))))
            throw new Error(`Slack's client would not submit ${blockId}=${value}`);
          state[blockId] = { [actionId]: { type, value: value || null } };
        } else {
          state[blockId] = { [actionId]: { type, value: value || null } };
        }
      }
      const payload = {
        type: "view_submission",
        team: { id: o.teamId, domain: `team-${o.teamId.toLowerCase()}` },
        user: { id: o.userId, username: `user-${o.userId.toLowerCase()}`, name: `user-${o.userId.toLowerCase()}`, team_id: o.teamId },
        api_app_id: "A0FAKEAPP",
        token: "deprecated-verification-token",
        trigger_id: fake.triggerId(o.userId),
        view: { ...opened.view, id: opened.id, team_id: o.teamId, state: { values: state }, hash: randomBytes(6).toString("hex") },
        response_urls: responseUrls,
        is_enterprise_install: false,
        enterprise: null,
      };
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const res = await fetch(o.eventsUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(signingSecret, body) },
        body,
      });
      const answer = await res.text();
      // The modal closes unless the app answered with errors to show in it.
      if (!answer.includes('"response_action":"errors"')) views.delete(`${o.userId}:${o.callbackId}`);
      return { status: res.status, body: answer };
    },
    async uninstall(teamId, eventsUrl) {
      const botUsers: string[] = [];
      for (const g of grants.values()) {
        if (g.teamId !== undefined && g.teamId !== teamId) continue;
        g.revoked = true;
        botUsers.push(g.botUserId);
      }
      const statuses: number[] = [];
      for (const event of [{ type: "app_uninstalled" }, { type: "tokens_revoked", tokens: { oauth: [], bot: botUsers } }]) {
        const body = eventBody(teamId, event);
        const res = await fetch(eventsUrl, {
          method: "POST",
          headers: { "content-type": "application/json", ...slackSignature(signingSecret, body) },
          body,
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
      return statuses;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  grants.set(botToken, { revoked: false, botUserId: "U0BOT", botId: "B0BOT" });
  return fake;
}
