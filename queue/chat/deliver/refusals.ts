import { ErrorCode } from "@slack/web-api";
import { DiscordAPIError } from "discord.js";
import { ResponseUrlRefused } from "../../../shared/chat/response-url.js";

/*
 * Every chat platform answer a delivery acts on is named here, once: the answers that send the
 * result another way (a dead token, a deleted message, a channel the bot cannot post in), and
 * which failures are refusals, settled with their reason, rather than retried. The chat twin of
 * providers/failures.ts; the deliverers act on these and nothing else decides them.
 */

/** Our side cannot send to the platform at all (it is not configured): as final as a refusal. */
export class CannotSend extends Error {
  override name = "CannotSend";
}

// Discord: the JSON error codes of its API's answers.

/** Discord's JSON error code of a failed call; undefined for any other failure. */
export function discordCode(err: unknown): number | undefined {
  return err instanceof DiscordAPIError ? Number(err.code) : undefined;
}

const discordAnswered = (codes: ReadonlySet<number>) => (err: unknown) => codes.has(discordCode(err) ?? 0);

/** A message's files refused: too large (a smaller limit than ours, in some setups), or no Attach Files in the channel. */
export const discordFilesRefused = discordAnswered(new Set([40005, 50013]));
/** An interaction token that no longer works: Invalid Webhook Token, Unknown Webhook. */
export const discordTokenDead = discordAnswered(new Set([50027, 10015]));
/** An edit of the bot's reply that cannot be made: Unknown Message, Missing Access. */
export const discordReplyGone = discordAnswered(new Set([10008, 50001]));
/** A channel the bot cannot post in: Missing Access (no View Channel), Missing Permissions (no Send Messages). */
export const discordChannelForbidden = discordAnswered(new Set([50001, 50013]));
/** A reply the bot may not make: no Read Message History in the channel. */
export const discordCannotReply = discordAnswered(new Set([160002]));
/** A user who takes no DMs from the bot. */
export const discordDmClosed = discordAnswered(new Set([50007]));

// Slack: the `error` of a Web API answer, or the body of a response_url's.

/** Slack's error code of a failed call (Web API or response_url); undefined for any other failure. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof ResponseUrlRefused) return err.code;
  const e = err as { code?: unknown; data?: { error?: unknown } } | null;
  return e?.code === ErrorCode.PlatformError && typeof e.data?.error === "string" ? e.data.error : undefined;
}

const slackAnswered = (codes: ReadonlySet<string>) => (err: unknown) => codes.has(slackErrorCode(err) ?? "");

/** An edit of a message that is no longer there to edit (or to share files under). */
export const slackMessageGone = slackAnswered(new Set(["message_not_found", "cant_update_message", "thread_not_found"]));
/** A conversation the bot cannot post in: a private channel or DM it is not in, an archived channel. */
export const slackUnreachable = slackAnswered(new Set(["not_in_channel", "channel_not_found", "is_archived"]));
/** The app was installed without a scope the call needs. */
export const slackMissingScope = slackAnswered(new Set(["missing_scope"]));
/** A message's blocks refused: a picture Slack could not fetch, or blocks beyond its limits. */
export const slackBlocksRefused = slackAnswered(new Set(["invalid_blocks"]));
/** A file gone already (deleted by hand, or by an earlier attempt of the same delivery). */
export const slackFileGone = slackAnswered(new Set(["file_not_found"]));

/** A response_url's answers once it is spent: used five times, or past its 30 minutes. */
const SPENT_RESPONSE_URL = new Set(["used_url", "expired_url"]);

/** A response_url that no longer answers: the result goes the way an expired one's does. */
export function responseUrlSpent(err: unknown): err is ResponseUrlRefused {
  return err instanceof ResponseUrlRefused && SPENT_RESPONSE_URL.has(err.code);
}

/** Slack's answers for a failure on its side: the same call may work in a moment. */
const SLACK_TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);
/** Slack's answers once the app has left the team (uninstalled, or its token revoked by an admin). */
const SLACK_REVOKED = new Set(["token_revoked", "account_inactive"]);

/**
 * The platform refused the message for good (unknown channel, bot removed, token expired):
 * retrying cannot help. Rate limits and server errors are retried by the clients and the queue.
 */
export function isRefusal(err: unknown): boolean {
  if (err instanceof CannotSend) return true;
  if (err instanceof DiscordAPIError) return err.status >= 400 && err.status < 500 && err.status !== 429;
  if (err instanceof ResponseUrlRefused && err.status >= 500) return false;
  const code = slackErrorCode(err);
  return code !== undefined && !SLACK_TRANSIENT.has(code);
}

/** A refusal as the job's delivery state names it: the platform and its own words. */
export function refusalReason(platform: string, err: unknown): string {
  if (err instanceof DiscordAPIError) return `discord: ${err.code} ${err.message}`;
  const code = slackErrorCode(err);
  if (code && SLACK_REVOKED.has(code)) return "app uninstalled";
  if (code) return `slack: ${code}`;
  return `${platform}: ${err instanceof Error ? err.message : String(err)}`;
}
