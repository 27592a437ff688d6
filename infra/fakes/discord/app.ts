import { Hono } from "hono";
import type { Gateway } from "./gateway.js";
import { cdnRoutes } from "./routes/cdn.js";
import { channelsRoutes } from "./routes/channels.js";
import { commandsRoutes } from "./routes/commands.js";
import { gatewayRoutes } from "./routes/gateway.js";
import { interactionsRoutes } from "./routes/interactions.js";
import { type DiscordApp, type DiscordEnv, noRoute, restPipeline } from "./routes/rest.js";
import { usersRoutes } from "./routes/users.js";
import { webhooksRoutes } from "./routes/webhooks.js";
import type { DiscordState } from "./state.js";

/**
 * The local Discord's HTTP side. Hono runs what matches a request in the order it was registered:
 * the CDN and the gateway's WebSocket answer first; anything else is a REST call, recorded, rate
 * limited and size checked, then routed under /api/v10. A route it does not have answers 404.
 */
export function discordApp(state: DiscordState, gateway: Gateway): DiscordApp {
  const app = new Hono<DiscordEnv>();
  cdnRoutes(app, state);
  gateway.mount(app);
  app.use(restPipeline(state));
  const rest = new Hono<DiscordEnv>();
  gatewayRoutes(rest, state);
  usersRoutes(rest, state);
  interactionsRoutes(rest, state);
  webhooksRoutes(rest, state);
  channelsRoutes(rest, state);
  commandsRoutes(rest, state);
  app.route("/api/v10", rest);
  app.notFound(noRoute);
  return app;
}
