import { Hono } from "hono";
import { authRoutes } from "./routes/auth.js";
import { chatRoutes } from "./routes/chat.js";
import { conversationsRoutes } from "./routes/conversations.js";
import { filesRoutes, fileTransferRoutes } from "./routes/files.js";
import { authorizeRoute, oauthAccessRoute } from "./routes/oauth.js";
import { responseUrlRoutes } from "./routes/response-urls.js";
import { usersRoutes } from "./routes/users.js";
import { viewsRoutes } from "./routes/views.js";
import { checkGrant, recordCall, type SlackApp, type SlackEnv } from "./routes/web-api.js";
import type { SlackState } from "./state.js";

/**
 * The local Slack's HTTP side. Hono runs what matches a request in the order it was registered,
 * so the order here is the order Slack checks in: its own pages (file hosts, response URLs, the
 * authorize page) answer first; anything else is a Web API call, recorded and rate limited, then
 * oauth.v2.access (which needs no bot token), then the bot token's checks, then the methods. A
 * method Slack does not have is `unknown_method`, once the token has passed.
 */
export function slackApp(state: SlackState): SlackApp {
  const app = new Hono<SlackEnv>();
  fileTransferRoutes(app, state);
  responseUrlRoutes(app, state);
  authorizeRoute(app, state);
  app.use(recordCall(state));
  oauthAccessRoute(app, state);
  app.use(checkGrant(state));
  authRoutes(app);
  chatRoutes(app, state);
  conversationsRoutes(app, state);
  filesRoutes(app, state);
  viewsRoutes(app, state);
  usersRoutes(app, state);
  app.notFound((c) => c.json({ ok: false, error: "unknown_method" }));
  return app;
}
