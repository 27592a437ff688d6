import type { DiscordState } from "../state.js";
import { botOnly, type DiscordApp, reply } from "./rest.js";

/** GET /gateway/bot: where the bot's gateway is, and how many times it may start a session. */
export function gatewayRoutes(app: DiscordApp, state: DiscordState) {
  app.get("/gateway/bot", botOnly(state), (c) =>
    reply(c, 200, {
      url: `${state.origin.replace("http", "ws")}/gateway`,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
    }),
  );
}
