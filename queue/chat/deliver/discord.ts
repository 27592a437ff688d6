import { createHash } from "node:crypto";
import { Routes } from "discord.js";
import { type DiscordDelivery, discordInteractionToken } from "../../../shared/chat/delivery.js";
import { toDiscordMessage } from "../../../shared/chat/discord-message.js";
import { jobReplyText } from "../../../shared/chat/locale/job-messages.js";
import { stillLive } from "../../../shared/chat/platform-lifetimes.js";
import type { ChatReply } from "../../../shared/chat/reply.js";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import { waitForSlot } from "./channel-slots.js";
import type { DeliverDeps, DeliverOutcome } from "./deps.js";
import { markUndeliverable } from "./delivery-state.js";
import {
  CannotSend,
  discordCannotReply,
  discordChannelForbidden,
  discordCode,
  discordDmClosed,
  discordFilesRefused,
  discordReplyGone,
  discordTokenDead,
} from "./refusals.js";
import { type ResultFile, resultFiles } from "./result-files.js";

/** Discord's nonce is at most 25 characters; with `enforce_nonce` a resent message is not posted twice. */
function discordNonce(jobId: string): string {
  return createHash("sha256").update(jobId).digest("base64url").slice(0, 25);
}

/**
 * The interaction whose reply can still be edited: within its window, and with ids that stay one
 * path segment each in the webhook route on the configured Discord API (checked at create too).
 */
export function liveInteraction(d: DiscordDelivery): DiscordDelivery["interaction"] {
  const i = d.interaction;
  if (!i || !stillLive(i.expiresAt)) return undefined;
  return /^\d{1,32}$/.test(i.applicationId) && discordInteractionToken.test(i.token) ? i : undefined;
}

/** The largest file Discord takes from a bot in a server without boosts; a clip over it comes as its poster and link. */
const DISCORD_FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Sends the message with the result's files attached (pictures shown from Discord's CDN, a
 * transcript to open); when Discord refuses them (too large, or no Attach Files in the channel),
 * again with links only: a refusal for want of Send Messages comes back from that send too.
 * `attachments` lists the files the message keeps: none but these. An attached clip plays in the
 * message, so its poster is not shown beside it; a clip over the limit comes as its poster, with
 * the clip's link.
 */
async function sendToDiscord(
  reply: ChatReply,
  files: ResultFile[] | undefined,
  send: (body: Record<string, unknown>, files?: ResultFile[]) => Promise<unknown>,
): Promise<void> {
  if (files?.length) {
    try {
      const attached = files.filter((f) => f.picture).map((f) => f.name);
      const shown = files.some((f) => f.video) ? { ...reply, images: [] } : reply;
      const body = { ...toDiscordMessage(shown, { attached }), attachments: files.map((f, id) => ({ id, filename: f.name })) };
      await send(body, files);
      return;
    } catch (err) {
      if (!discordFilesRefused(err)) throw err;
    }
  }
  await send({ ...toDiscordMessage(reply), attachments: [] });
}

/**
 * Brings a Discord job's message up to date: the command's reply through its interaction while
 * that lasts, then the bot's own reply message; past both, a result goes out as a new message.
 */
export async function deliverDiscord(
  deps: DeliverDeps,
  job: JobDocument,
  d: DiscordDelivery,
  reply: ChatReply,
  final: boolean,
): Promise<DeliverOutcome> {
  const rest = deps.chat.discord;
  const files = final ? await resultFiles(deps.storage, job, DISCORD_FILE_MAX_BYTES) : undefined;
  const interaction = liveInteraction(d);
  if (interaction) {
    await waitForSlot(deps, `discord:${d.channelId}`);
    try {
      await sendToDiscord(reply, files, (body, f) =>
        rest.patch(Routes.webhookMessage(interaction.applicationId, interaction.token, "@original"), { body, files: f, auth: false }),
      );
      return "edited";
    } catch (err) {
      // The token died before its expected time (Discord says 15 minutes; a clock or a revoked
      // app can make it less): the result goes out as a channel message, as after the window.
      if (!discordTokenDead(err)) throw err;
      deps.logger.warn(
        { jobId: job.jobId, code: discordCode(err) },
        "the interaction token no longer works; a result will be posted instead of edited",
      );
    }
  }
  // Past the interaction's window a public reply is still a message of the bot's own: the bot
  // edits it with its token, progress and result alike, so it never stays at "Running".
  const messageId = d.messageId;
  if (messageId && !d.private && deps.config.discord.token) {
    await waitForSlot(deps, `discord:${d.channelId}`);
    try {
      await sendToDiscord(reply, files, (body, f) => rest.patch(Routes.channelMessage(d.channelId, messageId), { body, files: f }));
      return "edited";
    } catch (err) {
      // Deleted, or the bot can no longer see the channel: the result goes out as a new message.
      if (!discordReplyGone(err)) throw err;
      deps.logger.info(
        { jobId: job.jobId, code: discordCode(err) },
        "the job's Discord reply cannot be edited; the result is posted instead",
      );
    }
  }
  // Past that, only the result is worth a new message.
  if (!final) return "skipped";
  if (!deps.config.discord.token) throw new CannotSend("DISCORD_TOKEN is not set: a result past its interaction window cannot be posted");
  let channelId = d.channelId;
  if (d.private) {
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: d.platformUserId } })) as { id: string };
    channelId = dm.id;
  }
  await waitForSlot(deps, `discord:${channelId}`);
  const post = (replyTo: string | undefined) =>
    sendToDiscord(reply, files, (message, f) =>
      rest.post(Routes.channelMessages(channelId), {
        files: f,
        body: {
          ...message,
          // The bot's buttons act in a server only (a click in a DM is refused), so a DM carries none.
          ...(d.private ? { components: [] } : {}),
          content: jobReplyText[d.locale ?? "en"].finished.discord(`<@${d.platformUserId}>`),
          allowed_mentions: { parse: [], users: [d.platformUserId] },
          nonce: discordNonce(job.jobId),
          enforce_nonce: true,
          // A rerun replies to the result it came from; gone or not, the new result is still posted.
          ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}),
        },
      }),
    );
  try {
    const replyTo = d.replyToMessageId && !d.private ? d.replyToMessageId : undefined;
    try {
      await post(replyTo);
    } catch (err) {
      // Without Read Message History the bot may not reply: the result is posted on its own.
      if (!(replyTo && discordCannotReply(err))) throw err;
      deps.logger.info(
        { jobId: job.jobId },
        "the bot may not reply in the channel (no Read Message History); the result is posted without the reply",
      );
      await post(undefined);
    }
  } catch (err) {
    const code = discordCode(err);
    if (d.private && discordDmClosed(err)) {
      // A private result has no other place: the channel would show it to everyone. It stays in /jobs.
      await markUndeliverable(deps.sql.db, job.jobId, `discord: ${code} ${(err as Error).message} (the requester's DMs are closed)`);
      return "undeliverable";
    }
    if (d.private || !discordChannelForbidden(err)) throw err;
    const told = await tellDiscordRequester(deps, job, d, reply, `${code} ${(err as Error).message}`);
    await markUndeliverable(
      deps.sql.db,
      job.jobId,
      `discord: ${code} ${(err as Error).message}${told ? "" : " (the requester's DMs are closed too)"}`,
    );
    return "undeliverable";
  }
  return "posted";
}

/** The result by DM to its requester, with what the bot lacks in the channel; false when their DMs are closed. */
async function tellDiscordRequester(
  deps: DeliverDeps,
  job: JobDocument,
  d: DiscordDelivery,
  reply: ChatReply,
  why: string,
): Promise<boolean> {
  const rest = deps.chat.discord;
  const line = jobReplyText[d.locale ?? "en"].notPosted.discord(`<#${d.channelId}>`, why);
  const message = toDiscordMessage({ ...reply, lines: [...reply.lines, line], buttons: [] });
  try {
    const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: d.platformUserId } })) as { id: string };
    await rest.post(Routes.channelMessages(dm.id), { body: { ...message, nonce: discordNonce(`${job.jobId}:told`), enforce_nonce: true } });
    return true;
  } catch (err) {
    if (discordDmClosed(err)) return false;
    throw err;
  }
}
