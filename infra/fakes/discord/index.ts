import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { WebSocketServer } from "ws";
import { discordApp } from "./app.js";
import { clientView } from "./client-view.js";
import { Gateway } from "./gateway.js";
import type { DiscordFake, DiscordSettings, StoredMessage } from "./handle.js";
import { memberActions } from "./member-actions.js";
import { guildCreate, snowflake } from "./objects.js";
import { DiscordState } from "./state.js";

export type { ClientView } from "./client-view.js";
export type { DiscordFake, FakeUser, RecordedCall, SlashOptions, StoredMessage } from "./handle.js";
export { snowflake } from "./objects.js";

/**
 * A local Discord: REST API v10 (interaction callbacks, webhook edits and follow-ups, channel
 * messages, DMs, command registration, a CDN for attachments) and a gateway WebSocket speaking
 * HELLO / IDENTIFY / READY / GUILD_CREATE / heartbeat / dispatch. discord.js connects to it
 * unchanged through its `rest.api` option; every REST call the bot makes is recorded. It refuses
 * what Discord refuses: messages beyond its limits (limits.ts), commands whose names or
 * options break its rules, an interaction not answered within 3 s, a token past its 15 minutes,
 * channels the bot cannot see or write in (`noAccess`, `cannotSend`), DMs a user closed.
 */
export async function startDiscordFake(opts: { token?: string; applicationId?: string } = {}): Promise<DiscordFake> {
  const settings: DiscordSettings = {
    tokenLifetimeMs: 15 * 60_000,
    noAccess: new Set(),
    cannotSend: new Set(),
    userLocales: new Map(),
    memberPermissions: new Map(),
    dmsClosed: new Set(),
    attachmentLimitBytes: 10 * 1024 * 1024,
  };
  const state = new DiscordState(opts.token ?? "fake-discord-bot-token", opts.applicationId ?? snowflake(), settings);
  const gateway = new Gateway(state);
  const wss = new WebSocketServer({ noServer: true });
  const server = serve({ fetch: discordApp(state, gateway).fetch, port: 0, hostname: "127.0.0.1", websocket: { server: wss } }) as Server;
  await new Promise((r) => server.once("listening", r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.origin = origin;

  // The settings object is the handle itself, so what a test sets on it is what the routes read.
  return Object.assign(settings, {
    apiUrl: `${origin}/api`,
    origin,
    token: state.token,
    applicationId: state.applicationId,
    calls: state.calls,
    ready: () => gateway.ready(),
    addGuild(g: { id: string; name: string; channelIds: string[] }) {
      state.guilds.set(g.id, g);
      if (gateway.connected) gateway.dispatch("GUILD_CREATE", guildCreate(g));
    },
    serveFile: (fileName: string, bytes: Buffer) => state.serveFile(fileName, bytes),
    deny(channelId: string, ...permissions: Array<"AttachFiles" | "ReadMessageHistory">) {
      const set = state.denied.get(channelId) ?? new Set();
      for (const p of permissions) set.add(p);
      state.denied.set(channelId, set);
      return () => {
        for (const p of permissions) set.delete(p);
      };
    },
    attachment: (u: string) => state.cdn.get(new URL(u).pathname),
    ...memberActions(state, gateway),
    shownModal: (userId: string, customId: string) => state.modals.get(`${userId}:${customId}`)?.data,
    registeredCommands: () => state.commands,
    shownModals: (userId: string) =>
      [...state.modals]
        .filter(([key]) => key.startsWith(`${userId}:`))
        .map(([key, m]) => ({ customId: key.slice(userId.length + 1), data: m.data })),
    original: (tok: string) => state.originals.get(tok),
    autocompleteChoices: (tok: string) => state.interactions.get(tok)?.choices,
    seen: (message: StoredMessage) => clientView(message),
    interactionFailed: (tok: string) => state.interactionFailed(tok),
    channelMessages: (id: string) => state.channels.get(id) ?? [],
    followUps: (tok: string) => state.followUps.get(tok) ?? [],
    rateLimit(path: RegExp, times: number, retryAfterSeconds: number) {
      state.limits.push({ path, left: times, retryAfter: retryAfterSeconds });
    },
    async close() {
      gateway.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  } satisfies Omit<DiscordFake, keyof DiscordSettings>);
}
