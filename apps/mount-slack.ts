import { createSlackService } from "../bots/slack/service.js";
import type { App } from "../server/app.js";
import type { Mount } from "../server/serve.js";
import type { Config } from "../shared/config.js";
import type { Logger } from "../shared/logger.js";

/**
 * Mounts the Slack app into the web server: `POST /slack/events` in HTTP mode, or a Socket Mode
 * connection. Its API calls go to the same Hono app in-process, with the bot's key, so nothing
 * leaves the process; `wrapApiFetch` lets a test or the bench slow them down. Undefined when
 * Slack is not configured.
 */
export function slackMount(config: Config, logger: Logger, opts: { wrapApiFetch?: (inProcess: typeof fetch) => typeof fetch } = {}): Mount | undefined {
  const { botToken, signingSecret, botApiKey } = config.slack;
  if (!botToken || !signingSecret || !botApiKey) return undefined;
  return (app: App) => {
    const inProcess: typeof fetch = async (input, init) => app.request(input instanceof Request ? input : String(input), init);
    const slack = createSlackService(config, logger, { apiFetch: opts.wrapApiFetch ? opts.wrapApiFetch(inProcess) : inProcess });
    const handle = slack?.fetch;
    if (handle) app.post("/slack/events", (c) => handle(c.req.raw, { requestId: c.get("requestId") }));
    return slack ?? { stop: async () => {} };
  };
}
