import { INSTALL_PATH, REDIRECT_PATH } from "../bots/slack/install.js";
import { createSlackService, slackConfigured } from "../bots/slack/service.js";
import type { App } from "../server/app.js";
import type { ConnectedDeps } from "../server/deps-connect.js";
import type { Mount } from "../server/serve.js";
import type { Config } from "../shared/config.js";
import type { Logger } from "../shared/logger.js";

/**
 * Mounts the Slack app into the web server: `POST /slack/events` in HTTP mode, or a Socket Mode
 * connection, and with OAuth credentials `GET /slack/install` and `GET /slack/oauth_redirect`.
 * Its API calls go to the same Hono app in-process, with the bot's key, so nothing leaves the
 * process; `wrapApiFetch` lets a test or the bench slow them down. Undefined when Slack is not
 * configured.
 */
export function slackMount(
  config: Config,
  logger: Logger,
  opts: { wrapApiFetch?: (inProcess: typeof fetch) => typeof fetch } = {},
): Mount | undefined {
  if (!slackConfigured(config)) return undefined;
  return (app: App, deps: Pick<ConnectedDeps, "sql">) => {
    const inProcess: typeof fetch = async (input, init) => app.request(input instanceof Request ? input : String(input), init);
    const slack = createSlackService(config, logger, {
      apiFetch: opts.wrapApiFetch ? opts.wrapApiFetch(inProcess) : inProcess,
      db: deps.sql.db,
    });
    const handle = slack?.fetch;
    if (handle) app.post("/slack/events", (c) => handle(c.req.raw, { requestId: c.get("requestId") }));
    const install = slack?.install;
    if (install) {
      app.get(INSTALL_PATH, (c) => install.install(c.req.raw));
      app.get(REDIRECT_PATH, (c) => install.callback(c.req.raw));
    }
    return slack ?? { stop: async () => {} };
  };
}
