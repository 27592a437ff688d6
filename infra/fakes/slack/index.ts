import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { slackApp } from "./app.js";
import type { SlackFake, SlackSettings } from "./handle.js";
import { memberActions } from "./member-actions.js";
import { manifestScopes } from "./scopes.js";
import { SlackState } from "./state.js";

export type { SlackCall, SlackFake, SlackMessage } from "./handle.js";
export { blockActionBody, slackSignature, slashCommandBody } from "./payloads.js";

/**
 * A local Slack: the Web API methods the app uses (chat.postMessage, chat.update,
 * chat.postEphemeral, files.info, users.info, auth.test, the files upload flow), response_url
 * endpoints, private file downloads that need the bot token, and the OAuth install flow
 * (`/oauth/v2/authorize`, `oauth.v2.access`) that gives each workspace its own bot token. The
 * app's WebClient points here via `slackApiUrl`; requests and events to the app are signed the
 * way Slack signs them. It refuses what Slack refuses: blocks beyond Block Kit's limits and
 * pictures it cannot download (`invalid_blocks`, see blocks.ts), messages without text or
 * too long, response URLs used more than five times or after 30 minutes, posts in conversations
 * the bot is not in or of another workspace than the token's, more than a short burst of
 * chat.postMessage in one channel (429, Retry-After), methods outside the token's scopes, revoked
 * tokens, and OAuth codes that are reused, expired or for another redirect URI.
 */
export async function startSlackFake(): Promise<SlackFake> {
  const botToken = `xoxb-${randomBytes(12).toString("hex")}`;
  const signingSecret = randomBytes(16).toString("hex");
  const settings: SlackSettings = {
    admins: new Set(),
    userLocales: new Map(),
    botNotIn: new Set(),
    reachesLocalImages: false,
    responseUrlLifetimeMs: 30 * 60_000,
    scopes: new Set(manifestScopes()),
    channelPostLimit: { burst: 3, perSecond: 1 },
    oauth: { clientId: `${Date.now()}.${randomBytes(4).readUInt32BE()}`, clientSecret: randomBytes(16).toString("hex") },
    redirectUrls: new Set(),
    codeLifetimeMs: 10 * 60_000,
    appLinkHosts: new Set(["127.0.0.1", "localhost"]),
    callDelays: new Map(),
  };
  const state = new SlackState(settings);
  state.grants.set(botToken, { revoked: false, botUserId: "U0BOT", botId: "B0BOT" });

  const server = serve({ fetch: slackApp(state).fetch, port: 0, hostname: "127.0.0.1" }) as Server;
  await new Promise((r) => server.once("listening", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.origin = origin;

  function addFile(f: { name: string; mimetype: string; bytes: Buffer; userId?: string; teamId?: string }) {
    const id = `F${randomBytes(5).toString("hex").toUpperCase()}`;
    const user = f.userId ?? "U0FILEOWNER";
    state.files.set(id, { id, name: f.name, mimetype: f.mimetype, bytes: f.bytes, user, teamId: f.teamId });
    const host = f.teamId ? `team-${f.teamId.toLowerCase()}` : "fake-team";
    return `https://${host}.slack.com/files/${user}/${id}/${encodeURIComponent(f.name)}`;
  }

  // The settings object is the handle itself, so what a test sets on it is what the routes read.
  return Object.assign(settings, {
    apiUrl: `${origin}/api/`,
    origin,
    botToken,
    signingSecret,
    calls: state.calls,
    responses: state.responses,
    refusedResponses: state.refusedResponses,
    ephemerals: state.ephemerals,
    scheduled: state.scheduled,
    dms: state.dms,
    unescaped: state.unescaped,
    authorizeUrl: `${origin}/oauth/v2/authorize`,
    messages: (channel: string) => state.channels.get(channel) ?? [],
    responseUrl: (channel?: string) => state.issueResponseUrl(channel),
    addFile,
    shareFile(f: { channelId: string; userId: string; name: string; mimetype: string; bytes: Buffer; text?: string }) {
      const permalink = addFile(f);
      const id = permalink.split("/")[5] ?? "";
      const ts = state.nextTs();
      state.post({ channel: f.channelId, ts, text: f.text ?? "", blocks: [], updates: 0, files: [id], user: f.userId });
      return { permalink, id, ts };
    },
    sharedFile(id: string) {
      const f = state.files.get(id);
      return f ? { name: f.name, mimetype: f.mimetype, size: f.bytes.length, user: f.user } : undefined;
    },
    rateLimit(method: string, times: number, retryAfterSeconds: number) {
      state.limits.push({ method, left: times, retryAfter: retryAfterSeconds });
    },
    failCalls(method: string, times: number, error: string, channel?: string) {
      const failure = { method, left: times, error, channel };
      state.failures.push(failure);
      // Stops what is left of it.
      return () => {
        failure.left = 0;
      };
    },
    uploaded(id: string) {
      const u = state.uploads.get(id);
      return u ? { name: u.name, bytes: u.bytes ?? Buffer.alloc(0), channels: u.channels, complete: u.complete } : undefined;
    },
    signIn(teamId: string, userId: string, teamName?: string) {
      const id = randomBytes(12).toString("hex");
      state.sessions.set(id, { teamId, userId, teamName: teamName ?? `Team ${teamId}` });
      return `slack_session=${id}`;
    },
    addChannel(channelId: string, teamId: string) {
      state.channelTeams.set(channelId, teamId);
    },
    teamOfToken: (token: string) => state.grants.get(token)?.teamId,
    triggerId: (userId = "") => state.issueTrigger(userId),
    openedView(userId: string, callbackId: string) {
      const v = state.views.get(`${userId}:${callbackId}`);
      return v ? { id: v.id, view: v.view } : undefined;
    },
    homeView: (userId: string) => state.homes.get(userId),
    openedViews: (userId: string) =>
      [...state.views]
        .filter(([key]) => key.startsWith(`${userId}:`))
        .map(([key, v]) => ({ callbackId: key.slice(userId.length + 1), id: v.id, view: v.view })),
    ...memberActions(state, signingSecret),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  } satisfies Omit<SlackFake, keyof SlackSettings>);
}
