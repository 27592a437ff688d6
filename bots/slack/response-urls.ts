import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { isSlackResponseUrl } from "../../shared/chat/response-url.js";
import type { Logger } from "../../shared/logger.js";
import { parseModalOrigin } from "./modals.js";

/**
 * Every address a request gives the app to answer on: a command's, button's or shortcut's
 * `response_url` (Bolt's `respond` posts there), a modal submit's `response_urls` (a conversation
 * picked in the form), and the response URL a modal carries in its `private_metadata` from where
 * it was opened (the submit's answers go there).
 */
export function responseUrlsOf(body: unknown): string[] {
  const b = (body ?? {}) as {
    response_url?: unknown;
    response_urls?: Array<{ response_url?: unknown }>;
    view?: { private_metadata?: unknown };
  };
  const urls: unknown[] = [b.response_url, ...(Array.isArray(b.response_urls) ? b.response_urls.map((r) => r?.response_url) : [])];
  if (typeof b.view?.private_metadata === "string" && b.view.private_metadata)
    urls.push(parseModalOrigin(b.view.private_metadata).responseUrl);
  // Anything named that is not a string is no URL either: String() of it fails the check.
  return urls.filter((u) => u !== undefined && u !== null && u !== "").map(String);
}

/**
 * The app's first middleware: a request naming a response URL that is not Slack's (the same
 * check `jobs.create` and the deliver worker make, `isSlackResponseUrl`) is acked and dropped
 * before any listener runs, so no reply of the app (`respond`, `postToResponseUrl`) can be sent
 * to another address, such as a service inside the network.
 */
export function onlySlackResponseUrls(slackApiUrl: string, logger: Logger): Middleware<AnyMiddlewareArgs> {
  const config = { slack: { apiUrl: slackApiUrl } };
  return async (args) => {
    const refused = responseUrlsOf(args.body).filter((u) => !isSlackResponseUrl(u, config));
    if (refused.length === 0) return args.next();
    // The origin only: a path may hold a token.
    const origins = refused.map((u) => (URL.canParse(u) ? new URL(u).origin : "(not a URL)"));
    logger.warn(
      { type: (args.body as { type?: unknown }).type, origins },
      "slack request refused: it names a response URL that is not Slack's",
    );
    if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
  };
}
