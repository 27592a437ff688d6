import type { Config } from "../config.js";

/**
 * How long a chat command's own way to answer lasts: Discord's interaction token edits the
 * command's reply for 15 minutes, Slack's response_url answers for 30. A job stores when each
 * stops being used; past that, the deliver queue posts instead of answering through it.
 */

/** Slack's response_url answers for 30 minutes; a little less leaves room for the last send. */
const SLACK_RESPONSE_URL_SECONDS = 29 * 60;

/** Until when a Slack command's response_url is used. */
export function responseUrlExpiresAt(now = Date.now()): Date {
  return new Date(now + SLACK_RESPONSE_URL_SECONDS * 1000);
}

/** Until when a Discord command's reply is edited through its interaction: the configured window, within the token's 15 minutes. */
export function interactionExpiresAt(config: { discord: Pick<Config["discord"], "interactionWindowSeconds"> }, now = Date.now()): Date {
  return new Date(now + config.discord.interactionWindowSeconds * 1000);
}

/** Whether a lifetime stored on a delivery has not run out; none stored is none to use. */
export function stillLive(expiresAt: Date | undefined, now = Date.now()): boolean {
  return expiresAt !== undefined && expiresAt.getTime() > now;
}
