import type { Config } from "../config.js";

/**
 * A Slack delivery's `responseUrl` comes from a bot's request and is POSTed to by the deliver
 * worker, so it must be Slack's: only `https://hooks.slack.com`, plus the local Slack's origin
 * when SLACK_API_URL names one (tests, development), are accepted. It is checked when a job is
 * created and again before each send. Discord deliveries carry no URL: the interaction's
 * application id and token are sent to the configured Discord API base.
 */
const SLACK_RESPONSE_URL_ORIGIN = "https://hooks.slack.com";

const isSlacksOwnHost = (hostname: string) => hostname === "slack.com" || hostname.endsWith(".slack.com");

/** The origins a response URL may be on: Slack's, and the configured Slack API's when that is not Slack's own (a local fake). */
export function slackResponseUrlOrigins(config: { slack: Pick<Config["slack"], "apiUrl"> }): string[] {
  const api = new URL(config.slack.apiUrl);
  return isSlacksOwnHost(api.hostname) ? [SLACK_RESPONSE_URL_ORIGIN] : [SLACK_RESPONSE_URL_ORIGIN, api.origin];
}

/** Whether `raw` is a Slack response URL this deployment may POST to. */
export function isSlackResponseUrl(raw: string, config: { slack: Pick<Config["slack"], "apiUrl"> }): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return slackResponseUrlOrigins(config).includes(url.origin);
}

/** A response_url answered with an error: Slack says which in the body (`invalid_blocks`, `expired_url`…). */
export class ResponseUrlRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`Slack's response_url answered ${status} ${code}`);
  }
}

/**
 * POSTs a message to a Slack response_url, as given (`response_type`, `replace_original`, text,
 * blocks): no redirects followed, 15 s at most; Slack's refusal thrown as ResponseUrlRefused.
 */
export async function postToResponseUrl(responseUrl: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    redirect: "error",
    signal: AbortSignal.timeout(15_000),
  });
  const answer = (await res.text()).trim();
  if (!res.ok) throw new ResponseUrlRefused(res.status, /^[a-z_]{1,64}$/.test(answer) ? answer : "error");
}
