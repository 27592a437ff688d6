import { createHash } from "node:crypto";
import { ErrorCode, type WebClient } from "@slack/web-api";
import { DiscordAPIError, Routes } from "discord.js";
import { type DiscordDelivery, discordInteractionToken, type SlackDelivery } from "../../shared/chat/delivery.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { ResponseUrlRefused, isSlackResponseUrl, postToResponseUrl, slackResponseUrlOrigins } from "../../shared/chat/response-url.js";
import { jobReply } from "../../shared/chat/job-reply.js";
import { jobReplyText } from "../../shared/chat/locale/job-messages.js";
import { type ChatReply, notice } from "../../shared/chat/reply.js";
import { type SlackMessage, toSlackMessage, toSlackText } from "../../shared/chat/slack-message.js";
import type { Logger } from "../../shared/logger.js";
import { finalStatuses, type JobDocument } from "../../shared/db/mongo/job-schema.js";
import { toPublicJob } from "../../shared/jobs/view.js";
import { linkFactory } from "../../shared/links/factory.js";
import { takeChannelSlot } from "../chat/channel-slots.js";
import {
  type DeliveryState,
  deliveryState,
  markDelivered,
  markUndeliverable,
  recordDeliveryError,
  rememberMessage,
  rememberSlackFiles,
} from "../chat/delivery-state.js";
import type { WorkerDeps } from "../worker-deps.js";
import { PermanentJobError } from "./outcome.js";
import { retryThroughRestart } from "../../shared/retry-through-restart.js";
import { type ResultFile, carriesFiles, resultFiles, transcriptPreview } from "../chat/result-files.js";
import { refreshQueuePositions } from "../chat/queue-positions.js";
import type { DeliverMessage } from "../job-queue.js";

/** What the deliver worker decided for one run, for logs and tests. */
export type DeliverOutcome = "edited" | "posted" | "skipped" | "already-delivered" | "refused" | "undeliverable";

/** Slack's answers for an edit of a message that is no longer there to edit (or to share files under). */
const MESSAGE_GONE = new Set(["message_not_found", "cant_update_message", "thread_not_found"]);

async function deleteSlackFiles(slack: WebClient, ids: string[], log: Logger): Promise<void> {
  for (const file of ids) {
    try {
      await slack.files.delete({ file });
    } catch (err) {
      // Gone already (deleted by hand, or by an earlier attempt of this delivery).
      if (slackErrorCode(err) !== "file_not_found") throw err;
      log.debug({ file }, "the Slack file was gone already");
    }
  }
}

function hasPictures(job: JobDocument): boolean {
  const latest = job.versions.at(-1);
  return !job.deletedAt && Boolean(latest && "images" in latest && latest.images.length > 0);
}

/** The most Slack takes in one file is 1 GB; a result's files are far smaller, this bounds a surprise. */
const SLACK_FILE_MAX_BYTES = 100 * 1024 * 1024;

/**
 * A channel result's files (pictures, or a transcript's text and subtitles), uploaded to Slack
 * (the SDK's uploadV2: an upload URL per file, the bytes, one completion) and shared in the
 * thread under its message: pictures then show from Slack with no public URL of ours, and all
 * outlive the signed links. Once per job: the file ids are kept, and a retry shows the same
 * files. Without the files:write scope (an older install) none: the links remain, as before.
 * Returns the uploaded files' ids in resultFiles' order: an image job's are its pictures, in
 * order, for the message's image blocks.
 */
async function uploadResultFiles(
  deps: WorkerDeps,
  slack: WebClient,
  job: JobDocument,
  d: SlackDelivery,
  state: DeliveryState,
  threadTs: string,
  log: Logger,
): Promise<string[] | undefined> {
  if (state.slackFileIds?.length) return state.slackFileIds;
  const files = await resultFiles(deps.storage, job, SLACK_FILE_MAX_BYTES);
  if (!files) return undefined;
  const fileUploads = files.map((f) => ({ file: f.data, filename: f.name }));
  try {
    const res = (await slack.filesUploadV2({ file_uploads: fileUploads, channel_id: d.channelId, thread_ts: threadTs })) as {
      files?: Array<{ files?: Array<{ id?: string }> }>;
    };
    const ids = (res.files ?? []).flatMap((c) => c.files ?? []).flatMap((f) => (f.id ? [f.id] : []));
    if (ids.length !== fileUploads.length) throw new Error(`Slack completed ${ids.length} of ${fileUploads.length} uploads`);
    await rememberSlackFiles(deps.sql.db, job.jobId, ids);
    return ids;
  } catch (err) {
    if (slackErrorCode(err) !== "missing_scope") throw err;
    log.info("the Slack app is installed without files:write: the result's files stay links");
    return undefined;
  }
}

/** Slack's answers for a conversation the bot cannot post in (a private channel or DM it is not in, an archived channel). */
const SLACK_UNREACHABLE = new Set(["not_in_channel", "channel_not_found", "is_archived"]);
/** Slack's answers once the app has left the team (uninstalled, or its token revoked by an admin). */
const SLACK_REVOKED = new Set(["token_revoked", "account_inactive"]);

function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof ResponseUrlRefused) return err.code;
  const e = err as { code?: unknown; data?: { error?: unknown } } | null;
  return e?.code === ErrorCode.PlatformError && typeof e.data?.error === "string" ? e.data.error : undefined;
}

/** A response_url's answers once it is spent: used five times, or past its 30 minutes. */
const SPENT_RESPONSE_URL = new Set(["used_url", "expired_url"]);

/**
 * Sends the reply as Slack takes it. Slack downloads an image block's picture while it takes the
 * message and refuses the whole message when it cannot (any address the internet cannot reach),
 * and refuses blocks beyond its limits: each `invalid_blocks` steps down, to the message without
 * pictures (their links stay), then to text alone, so the result is never lost to its blocks.
 */
async function sendToSlack<T>(
  reply: ChatReply,
  log: Logger,
  send: (message: SlackMessage) => Promise<T>,
  beforeRetry?: () => Promise<void>,
  slackFiles?: string[],
): Promise<T> {
  const forms = [() => toSlackMessage(reply, { slackFiles }), () => toSlackMessage(reply, { images: false }), () => toSlackText(reply)];
  for (const [i, form] of forms.entries()) {
    try {
      // A refused call counts against the channel's pace like any other: each try takes a slot.
      if (i > 0) await beforeRetry?.();
      return await send(form());
    } catch (err) {
      if (slackErrorCode(err) !== "invalid_blocks" || i === forms.length - 1) throw err;
      const errors = (err as { data?: { errors?: unknown } }).data?.errors;
      log.warn(
        { errors, next: i === 0 ? "without pictures" : "as text" },
        "Slack refused the message's blocks; sending it again more plainly",
      );
    }
  }
  throw new Error("not reachable");
}

/**
 * The platform refused the message for good (unknown channel, bot removed, token expired):
 * retrying cannot help. Rate limits and server errors are retried by the clients and the queue.
 */
function isRefusal(err: unknown): boolean {
  if (err instanceof PermanentJobError) return true;
  if (err instanceof DiscordAPIError) return err.status >= 400 && err.status < 500 && err.status !== 429;
  if (err instanceof ResponseUrlRefused && err.status >= 500) return false;
  const code = slackErrorCode(err);
  return code !== undefined && !SLACK_TRANSIENT.has(code);
}

/** Slack's answers for a failure on its side: the same call may work in a moment. */
const SLACK_TRANSIENT = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"]);

/** A refusal as the job's delivery state names it: the platform and its own words. */
function refusalReason(platform: string, err: unknown): string {
  if (err instanceof DiscordAPIError) return `discord: ${err.code} ${err.message}`;
  const code = slackErrorCode(err);
  if (code && SLACK_REVOKED.has(code)) return "app uninstalled";
  if (code) return `slack: ${code}`;
  return `${platform}: ${err instanceof Error ? err.message : String(err)}`;
}

/** The job's message; a finished transcription quotes its first words. */
async function replyFor(deps: WorkerDeps, job: JobDocument): Promise<ChatReply> {
  // A queued job says how many of its kind are ahead of it, as of this update.
  const queuedAhead =
    job.status === "queued" && !job.deletedAt ? await deps.queue.ahead(job.type, job.createdAt).catch(() => undefined) : undefined;
  const reply = baseReply(deps, job, queuedAhead);
  const preview = job.status === "completed" ? await transcriptPreview(deps.storage, job) : undefined;
  return preview ? { ...reply, lines: [...reply.lines, `“${preview}”`] } : reply;
}

function baseReply(deps: WorkerDeps, job: JobDocument, queuedAhead?: number): ChatReply {
  const t = jobReplyText[job.delivery?.locale ?? "en"];
  if (job.deletedAt) return notice(t.deleted.title(job.jobId), t.deleted.line, "info");
  const base = deps.config.publicUrl ?? deps.config.chat.apiUrl;
  // A result in a channel says who asked; a private one goes to that person alone.
  const requester = job.delivery && !job.delivery.private ? job.delivery.platformUserId : undefined;
  return jobReply(toPublicJob(job, linkFactory(deps.config, base)), { requester, queuedAhead, locale: job.delivery?.locale });
}

/**
 * The longest a deliver worker sleeps for its channel's slot: a little over one interval, so a
 * busy channel keeps its pace while a channel booked further ahead does not hold the worker.
 */
const maxSlotWaitMs = (intervalMs: number) => Math.max(250, Math.round(intervalMs * 1.5));

/** The job's channel has no free send slot soon: deliver again in `retryInMs`, nothing was sent. */
export class ChannelBusy extends Error {
  constructor(readonly retryInMs: number) {
    super(`the channel's next send slot is ${retryInMs} ms away`);
  }
}

async function waitForSlot(
  deps: WorkerDeps,
  channelKey: string,
  maxWaitMs = maxSlotWaitMs(deps.config.chat.channelIntervalMs),
): Promise<void> {
  const slot = await takeChannelSlot(deps.sql.db, channelKey, deps.config.chat.channelIntervalMs, maxWaitMs);
  if (!slot.taken) throw new ChannelBusy(slot.freeInMs);
  if (slot.waitMs > 0) await new Promise((r) => setTimeout(r, slot.waitMs));
}

/** Discord's nonce is at most 25 characters; with `enforce_nonce` a resent message is not posted twice. */
function discordNonce(jobId: string): string {
  return createHash("sha256").update(jobId).digest("base64url").slice(0, 25);
}

/**
 * The interaction whose reply can still be edited: within its window, and with ids that stay one
 * path segment each in the webhook route on the configured Discord API (checked at create too).
 */
function liveInteraction(d: DiscordDelivery): DiscordDelivery["interaction"] {
  const i = d.interaction;
  if (!i || i.expiresAt.getTime() <= Date.now()) return undefined;
  return /^\d{1,32}$/.test(i.applicationId) && discordInteractionToken.test(i.token) ? i : undefined;
}

/** The largest file Discord takes from a bot in a server without boosts. */
const DISCORD_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Discord's answer for a file over its limit (a smaller limit than ours, in some setups). */
const DISCORD_TOO_LARGE = 40005;

/** Discord's answer for a missing channel permission: without Send Messages, or, for a message with files, without Attach Files. */
const MISSING_PERMISSIONS = 50013;

/**
 * Sends the message with the result's files attached (pictures shown from Discord's CDN, a
 * transcript to open); when Discord refuses them (too large, or no Attach Files in the channel),
 * again with links only: a refusal for want of Send Messages comes back from that send too.
 * `attachments` lists the files the message keeps: none but these.
 */
async function sendToDiscord(
  reply: ChatReply,
  files: ResultFile[] | undefined,
  send: (body: Record<string, unknown>, files?: ResultFile[]) => Promise<unknown>,
): Promise<void> {
  if (files?.length) {
    try {
      const attached = files.filter((f) => f.picture).map((f) => f.name);
      const body = { ...toDiscordMessage(reply, { attached }), attachments: files.map((f, id) => ({ id, filename: f.name })) };
      await send(body, files);
      return;
    } catch (err) {
      const code = err instanceof DiscordAPIError ? Number(err.code) : undefined;
      if (code !== DISCORD_TOO_LARGE && code !== MISSING_PERMISSIONS) throw err;
    }
  }
  await send({ ...toDiscordMessage(reply), attachments: [] });
}

/** Discord's answers for an edit of the bot's reply that cannot be made: Unknown Message, Missing Access. */
const REPLY_GONE = new Set([10008, 50001]);

/** Discord's answers for an interaction token that no longer works: Invalid Webhook Token, Unknown Webhook. */
const DEAD_INTERACTION_TOKEN = new Set([50027, 10015]);

async function deliverDiscord(
  deps: WorkerDeps,
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
      if (!(err instanceof DiscordAPIError && DEAD_INTERACTION_TOKEN.has(Number(err.code)))) throw err;
      deps.logger.warn(
        { jobId: job.jobId, code: err.code },
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
      if (!(err instanceof DiscordAPIError && REPLY_GONE.has(Number(err.code)))) throw err;
      deps.logger.info({ jobId: job.jobId, code: err.code }, "the job's Discord reply cannot be edited; the result is posted instead");
    }
  }
  // Past that, only the result is worth a new message.
  if (!final) return "skipped";
  if (!deps.config.discord.token)
    throw new PermanentJobError("DISCORD_TOKEN is not set: a result past its interaction window cannot be posted", "NO_DISCORD_TOKEN");
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
          content: `<@${d.platformUserId}> your job has finished.`,
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
      if (!(replyTo && err instanceof DiscordAPIError && Number(err.code) === CANNOT_REPLY)) throw err;
      deps.logger.info(
        { jobId: job.jobId },
        "the bot may not reply in the channel (no Read Message History); the result is posted without the reply",
      );
      await post(undefined);
    }
  } catch (err) {
    const code = err instanceof DiscordAPIError ? Number(err.code) : undefined;
    if (d.private && code === DM_CLOSED) {
      // A private result has no other place: the channel would show it to everyone. It stays in /jobs.
      await markUndeliverable(deps.sql.db, job.jobId, `discord: ${code} ${(err as Error).message} (the requester's DMs are closed)`);
      return "undeliverable";
    }
    if (d.private || code === undefined || !CHANNEL_FORBIDDEN.has(code)) throw err;
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

/** Discord's answers for a channel the bot cannot post in: Missing Access (no View Channel), Missing Permissions (no Send Messages). */
const CHANNEL_FORBIDDEN = new Set([50001, 50013]);
/** Discord's answer for a reply the bot may not make: no Read Message History in the channel. */
const CANNOT_REPLY = 160002;
/** Discord's answer for a user who takes no DMs from the bot. */
const DM_CLOSED = 50007;

/** The result by DM to its requester, with what the bot lacks in the channel; false when their DMs are closed. */
async function tellDiscordRequester(
  deps: WorkerDeps,
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
    if (err instanceof DiscordAPIError && Number(err.code) === DM_CLOSED) return false;
    throw err;
  }
}

async function deliverSlack(
  deps: WorkerDeps,
  job: JobDocument,
  d: SlackDelivery,
  state: DeliveryState,
  reply: ChatReply,
  final: boolean,
): Promise<DeliverOutcome> {
  const clientFor = deps.chat.slack;
  if (!clientFor)
    throw new PermanentJobError(
      "Slack is not configured (SLACK_BOT_TOKEN, or SLACK_CLIENT_ID for installs): Slack deliveries cannot be sent",
      "NO_SLACK_TOKEN",
    );
  const log = deps.logger.child({ jobId: job.jobId });
  const access = await clientFor(d.teamId);
  if (!access.ok) {
    // The app left the team (or was never installed there): no token to post with, and nobody
    // there to tell. The state says why; the result stays in the API and the gallery.
    if (!final || job.deletedAt) return "skipped";
    log.info({ teamId: d.teamId, reason: access.reason }, "no Slack delivery: the app is not installed in the team");
    await markUndeliverable(deps.sql.db, job.jobId, access.reason);
    return "undeliverable";
  }
  const slack = access.client;
  if (d.private) {
    // A response_url allows five uses: the bot used one for "queued"; only the result spends another.
    if (!final) return "skipped";
    await waitForSlot(deps, `slack:${d.channelId}`);
    const responseUrl = liveResponseUrl(d);
    if (responseUrl) {
      if (isSlackResponseUrl(responseUrl, deps.config)) {
        try {
          await sendToSlack(reply, log, (message) =>
            answerThrough(responseUrl, message, { responseType: "ephemeral", replaceOriginal: true }),
          );
          return "edited";
        } catch (err) {
          // Spent (five uses) or expired sooner than its 30 minutes: the result goes the way an expired one's does.
          if (!(err instanceof ResponseUrlRefused && SPENT_RESPONSE_URL.has(err.code))) throw err;
          log.info({ code: err.code }, "the response_url no longer answers; the private result goes by DM");
        }
      } else {
        // Not Slack's (a job stored before the check at create, or a changed SLACK_API_URL): never
        // sent to; the result goes the way an expired response_url's does.
        deps.logger.warn(
          {
            jobId: job.jobId,
            requestId: job.requestId,
            platform: "slack",
            origin: originOf(responseUrl),
            allowed: slackResponseUrlOrigins(deps.config),
          },
          "a Slack delivery's responseUrl is not a Slack response URL: not sent to, the result goes by DM",
        );
      }
    }
    // Past the response_url, a DM: an ephemeral message would vanish on reload and needs the bot in
    // the conversation; a bot's message to a user id arrives in its DM with them, buttons working.
    await sendToSlack(reply, log, (message) =>
      slack.chat.postMessage({ channel: d.platformUserId, ...message, unfurl_links: false, unfurl_media: false }),
    );
    return "posted";
  }
  await waitForSlot(deps, `slack:${d.channelId}`);
  // A plainer form of a refused message waits for its slot however busy the channel: given up
  // here, the next attempt would start again from the refused form.
  const slot = () => waitForSlot(deps, `slack:${d.channelId}`, 60_000);
  const withFiles = final && !job.deletedAt;
  // A deleted job's pictures leave Slack too.
  if (job.deletedAt && state.slackFileIds?.length) await deleteSlackFiles(slack, state.slackFileIds, log);
  try {
    const ts = state.messageTs;
    if (ts) {
      try {
        // Pictures go up to Slack first, into the message's thread, and show from there.
        const files = withFiles ? await uploadResultFiles(deps, slack, job, d, state, d.threadTs ?? ts, log) : undefined;
        await sendToSlack(reply, log, (message) => slack.chat.update({ channel: d.channelId, ts, ...message }), slot, files);
        return "edited";
      } catch (err) {
        // Someone deleted the job's message: progress is not worth a new one, the result is.
        if (!MESSAGE_GONE.has(slackErrorCode(err) ?? "")) throw err;
        if (!final) return "skipped";
        log.info({ code: slackErrorCode(err) }, "the job's Slack message is gone; the result is posted anew");
        await slot();
      }
    }
    const posted = await sendToSlack(
      reply,
      log,
      (message) =>
        slack.chat.postMessage({
          channel: d.channelId,
          ...message,
          unfurl_links: false,
          unfurl_media: false,
          ...(d.threadTs ? { thread_ts: d.threadTs } : {}),
        }),
      slot,
    );
    const postedTs = posted.ts;
    if (postedTs)
      await retryThroughRestart(log, "record the posted Slack message", () => rememberMessage(deps.sql.db, job.jobId, postedTs));
    if (withFiles && postedTs && carriesFiles(job)) {
      // A result posted at once (no progress message before it): its files follow into its thread.
      await slot();
      const files = await uploadResultFiles(deps, slack, job, d, state, d.threadTs ?? postedTs, log);
      if (files && hasPictures(job))
        await sendToSlack(reply, log, (message) => slack.chat.update({ channel: d.channelId, ts: postedTs, ...message }), slot, files);
    }
    return "posted";
  } catch (err) {
    const code = slackErrorCode(err);
    if (!code || !(SLACK_UNREACHABLE.has(code) || code === "missing_scope")) throw err;
    // Progress is not worth a word; the result is, and its requester must hear why it is not in the channel.
    if (!final) return "skipped";
    if (code !== "missing_scope" && !job.deletedAt && (await postInChannelThroughResponseUrl(deps, d, reply, log))) return "posted";
    if (code === "missing_scope") {
      // The app was installed without a scope it needs: only a workspace admin can fix that.
      const needed = String((err as { data?: { needed?: unknown } }).data?.needed ?? "");
      const why = jobReplyText[d.locale ?? "en"].notPosted.slackMissingScope(`<#${d.channelId}>`, needed || undefined);
      await tellSlackRequester(deps, slack, d, reply, why, log);
      await markUndeliverable(deps.sql.db, job.jobId, `slack: missing_scope${needed ? ` (needs ${needed})` : ""}`);
      return "undeliverable";
    }
    const why = jobReplyText[d.locale ?? "en"].notPosted.slack(`<#${d.channelId}>`, code);
    await tellSlackRequester(deps, slack, d, reply, why, log);
    await markUndeliverable(deps.sql.db, job.jobId, `slack: ${code}`);
    return "undeliverable";
  }
}

/**
 * The result goes to its requester alone, with how to get it into the channel next time: through
 * the command's response_url while it lasts (it answers in any conversation), else by DM.
 */
async function tellSlackRequester(
  deps: WorkerDeps,
  slack: WebClient,
  d: SlackDelivery,
  reply: ChatReply,
  why: string,
  log: Logger,
): Promise<void> {
  const told = { ...reply, lines: [...reply.lines, why] };
  const responseUrl = sendableResponseUrl(deps, d);
  if (responseUrl) {
    try {
      await sendToSlack(told, log, (message) => answerThrough(responseUrl, message, { responseType: "ephemeral", replaceOriginal: false }));
      return;
    } catch (err) {
      log.warn({ reason: err instanceof Error ? err.message : String(err) }, "the response_url did not take the notice; it goes by DM");
    }
  }
  // A bot's message to a user id arrives in its direct messages with that user.
  try {
    await sendToSlack(told, log, (message) =>
      slack.chat.postMessage({ channel: d.platformUserId, ...message, unfurl_links: false, unfurl_media: false }),
    );
  } catch (err) {
    // Without the scope a DM fails as the post did: the delivery's state still says why.
    if (slackErrorCode(err) !== "missing_scope") throw err;
    log.warn("the requester could not be told either: the app lacks the scope to post");
  }
}

/** The command's response_url while Slack still takes it (30 minutes). */
function liveResponseUrl(d: SlackDelivery): string | undefined {
  return d.responseUrl && d.responseUrlExpiresAt && d.responseUrlExpiresAt.getTime() > Date.now() ? d.responseUrl : undefined;
}

/** The live response_url when it is Slack's: one the worker may send to. */
function sendableResponseUrl(deps: WorkerDeps, d: SlackDelivery): string | undefined {
  const responseUrl = liveResponseUrl(d);
  return responseUrl && isSlackResponseUrl(responseUrl, deps.config) ? responseUrl : undefined;
}

/**
 * A public result in a conversation the bot may not post in (it is not a member: a private
 * channel, a DM, a group DM), posted through the command's response_url as `in_channel`, which
 * Slack takes in any conversation the command came from, while it lasts (30 minutes, five uses).
 * True when it went out; false when the response_url is gone, so the requester is told instead.
 */
async function postInChannelThroughResponseUrl(deps: WorkerDeps, d: SlackDelivery, reply: ChatReply, log: Logger): Promise<boolean> {
  const responseUrl = sendableResponseUrl(deps, d);
  if (!responseUrl) return false;
  try {
    await sendToSlack(reply, log, (message) => answerThrough(responseUrl, message, { responseType: "in_channel", replaceOriginal: false }));
    log.info("the bot is not in the conversation: the result went through the command's response_url");
    return true;
  } catch (err) {
    if (!(err instanceof ResponseUrlRefused && SPENT_RESPONSE_URL.has(err.code))) throw err;
    return false;
  }
}

/** An answer through a response_url, as ephemeral or in the channel, new or replacing the original. */
function answerThrough(
  responseUrl: string,
  message: SlackMessage,
  opts: { responseType: "ephemeral" | "in_channel"; replaceOriginal: boolean },
): Promise<void> {
  return postToResponseUrl(responseUrl, { response_type: opts.responseType, replace_original: opts.replaceOriginal, ...message });
}

/** A URL's origin for a log line (the rest of a response URL is a credential), or a note that it is none. */
function originOf(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return "(not a URL)";
  }
}

/** Whether the job's message can still be edited: a live interaction, or a Slack channel message. */
function canEditInPlace(d: DiscordDelivery | SlackDelivery, state: DeliveryState): boolean {
  if (d.platform === "discord") return Boolean(liveInteraction(d));
  return !d.private && Boolean(state.messageTs);
}

/** One message of the deliver queue: a job's message brought up to date, or the positions of a type's waiting jobs refreshed. */
export async function runDeliverMessage(deps: WorkerDeps, message: DeliverMessage): Promise<DeliverOutcome | number> {
  return "queueMoved" in message ? refreshQueuePositions(deps, message.queueMoved) : runDeliver(deps, message.jobId);
}

/**
 * Brings a chat job's message up to date with the job as it is now. Runs of the same job never
 * overlap (the queue is stately), so edits arrive in order; the final state is delivered once.
 */
export async function runDeliver(deps: WorkerDeps, jobId: string): Promise<DeliverOutcome> {
  const job = await deps.jobs.get(jobId);
  const d = job?.delivery;
  if (!job || !d) return "skipped";
  const state = await deliveryState(deps.sql.db, jobId);
  const deleted = Boolean(job.deletedAt);
  if (deleted ? state.deletionDeliveredAt : state.finalDeliveredAt) return "already-delivered";
  if (!deleted && state.undeliverable) return "undeliverable";
  // A deletion after the result went out only edits the message in place; it is not news worth a new post.
  if (deleted && state.finalDeliveredAt && !canEditInPlace(d, state)) return "skipped";
  const final = deleted || finalStatuses.includes(job.status);
  const reply = await replyFor(deps, job);
  let outcome: DeliverOutcome;
  try {
    outcome =
      d.platform === "discord" ? await deliverDiscord(deps, job, d, reply, final) : await deliverSlack(deps, job, d, state, reply, final);
  } catch (err) {
    if (err instanceof ChannelBusy) throw err;
    if (!isRefusal(err)) {
      // The queue tries again; meanwhile the job's delivery says so, and why.
      await recordDeliveryError(deps.sql.db, jobId, err instanceof Error ? err.message : String(err)).catch(() => {});
      throw err;
    }
    const reason = refusalReason(d.platform, err);
    deps.logger.warn({ jobId, requestId: job.requestId, platform: d.platform, reason }, "the chat platform refused a delivery");
    // Never "delivered": what the platform refused is recorded with its reason, and settled.
    if (final && !deleted) await markUndeliverable(deps.sql.db, jobId, reason);
    outcome = "refused";
  }
  if (final && outcome !== "skipped" && outcome !== "undeliverable" && (outcome !== "refused" || deleted)) {
    await markDelivered(deps.sql.db, jobId, deleted ? "deletion" : "final");
  }
  // Progress edits stay at debug; the final message is one info line per job.
  const level = final ? "info" : "debug";
  deps.logger[level](
    { jobId, requestId: job.requestId, platform: d.platform, channelId: d.channelId, outcome, status: job.status },
    "chat delivery",
  );
  return outcome;
}
