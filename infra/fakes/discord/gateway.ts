import { upgradeWebSocket } from "@hono/node-server";
import type { WebSocket } from "ws";
import { guildCreate, snowflake, userObject } from "./objects.js";
import type { DiscordApp } from "./routes/rest.js";
import type { DiscordState } from "./state.js";

/**
 * Discord's gateway at /gateway: HELLO on connect, heartbeat ACKs, READY and a GUILD_CREATE per
 * guild once the bot identifies with its token (another token is closed with 4004), then
 * dispatches (INTERACTION_CREATE, GUILD_CREATE) to every connected client.
 */
export class Gateway {
  readonly #sockets = new Set<WebSocket>();
  #seq = 0;
  #readyResolve: () => void = () => {};
  #ready = this.#pending();

  constructor(private readonly state: DiscordState) {}

  /** Resolves when a client has identified and been sent READY. */
  ready(): Promise<void> {
    return this.#ready;
  }

  get connected(): boolean {
    return this.#sockets.size > 0;
  }

  /** The WebSocket endpoint, on the app that serves it with a `ws` server. */
  mount(app: DiscordApp) {
    app.get(
      "/gateway",
      upgradeWebSocket(() => ({
        onOpen: (_event, ctx) => {
          const ws = ctx.raw as WebSocket;
          this.#sockets.add(ws);
          this.#send(ws, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
        },
        onMessage: (event, ctx) =>
          this.#receive(
            ctx.raw as WebSocket,
            typeof event.data === "string" ? event.data : Buffer.from(event.data as ArrayBuffer).toString(),
          ),
        onClose: (_event, ctx) => {
          this.#sockets.delete(ctx.raw as WebSocket);
        },
      })),
    );
    // Only the gateway takes WebSocket connections: an upgrade elsewhere is refused, not a REST call.
    app.use(async (c, next) => (c.req.header("upgrade")?.toLowerCase() === "websocket" ? c.body(null, 400) : next()));
  }

  dispatch(t: string, d: unknown) {
    this.#seq++;
    for (const ws of this.#sockets) this.#send(ws, { op: 0, t, s: this.#seq, d });
  }

  /** Drops every client; a client that connects again must identify again before `ready()` resolves. */
  close() {
    for (const ws of this.#sockets) ws.terminate();
    this.#ready = this.#pending();
  }

  #pending() {
    return new Promise<void>((r) => {
      this.#readyResolve = r;
    });
  }

  #send(ws: WebSocket, payload: Record<string, unknown>) {
    ws.send(JSON.stringify(payload));
  }

  #receive(ws: WebSocket, raw: string) {
    const msg = JSON.parse(raw) as { op: number; d: Record<string, unknown> | null };
    if (msg.op === 1) return this.#send(ws, { op: 11, d: null, s: null, t: null });
    if (msg.op !== 2) return;
    const { state } = this;
    if (msg.d?.token !== state.token) return ws.close(4004, "Authentication failed.");
    this.#seq++;
    this.#send(ws, {
      op: 0,
      t: "READY",
      s: this.#seq,
      d: {
        v: 10,
        user: { ...userObject(state.botUser, true), verified: true, mfa_enabled: false, flags: 0 },
        guilds: [...state.guilds.values()].map((g) => ({ id: g.id, unavailable: true })),
        session_id: snowflake(),
        resume_gateway_url: `${state.origin.replace("http", "ws")}/gateway`,
        shard: [0, 1],
        application: { id: state.applicationId, flags: 0 },
      },
    });
    for (const g of state.guilds.values()) {
      this.#seq++;
      this.#send(ws, { op: 0, t: "GUILD_CREATE", s: this.#seq, d: guildCreate(g) });
    }
    this.#readyResolve();
  }
}
