import type { WebClient } from "@slack/web-api";
import type { SlackDelivery } from "../../../shared/chat/delivery.js";
import { jobReplyText } from "../../../shared/chat/locale/job-messages.js";
import { stillLive } from "../../../shared/chat/platform-lifetimes.js";
import type { ChatReply } from "../../../shared/chat/reply.js";
import { isSlackResponseUrl, postToResponseUrl, slackResponseUrlOrigins } from "../../../shared/chat/response-url.js";
import { type SlackMessage, toSlackMessage, toSlackText } from "../../../shared/chat/slack-message.js";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { Logger } from "../../../shared/logger.js";
import { retryThroughRestart } from "../../../shared/retry-through-restart.js";
import { waitForSlot } from "./channel-slots.js";
import type { DeliverDeps, DeliverOutcome } from "./deps.js";
import { type DeliveryState, markUndeliverable, rememberMessage } from "./delivery-state.js";
import {
  CannotSend,
  responseUrlSpent,
  slackBlocksRefused,
  slackErrorCode,
  slackMessageGone,
  slackMissingScope,
  slackUnreachable,
} from "./refusals.js";
import { carriesFiles } from "./result-files.js";
import { deleteSlackFiles, hasPictures, isVideo, uploadResultFiles, uploadsClip } from "./slack-files.js";

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
      if (!slackBlocksRefused(err) || i === forms.length - 1) throw err;
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
 * Brings a Slack job's message up to date: a channel message edited in place (posted anew when
 * it is gone), or, for a private result, the command's response_url while it lasts, then a DM.
 */
export async function deliverSlack(
  deps: DeliverDeps,
  job: JobDocument,
  d: SlackDelivery,
  state: DeliveryState,
  built: ChatReply,
  final: boolean,
): Promise<DeliverOutcome> {
  // A clip uploaded into the thread plays there: the channel message leaves its poster out. A
  // private result uploads nothing (a file shared anywhere would show to others) and shows its
  // pictures by link, but a clip's poster is a WebP, which Slack does not show: left out, so the
  // message is taken the first time rather than refused, then sent again without it.
  const reply = (final && !d.private && uploadsClip(job)) || (d.private && isVideo(job)) ? { ...built, images: [] } : built;
  const clientFor = deps.chat.slack;
  if (!clientFor)
    throw new CannotSend("Slack is not configured (SLACK_BOT_TOKEN, or SLACK_CLIENT_ID for installs): Slack deliveries cannot be sent");
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
          if (!responseUrlSpent(err)) throw err;
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
        const shown = hasPictures(job) ? files : undefined;
        await sendToSlack(reply, log, (message) => slack.chat.update({ channel: d.channelId, ts, ...message }), slot, shown);
        return "edited";
      } catch (err) {
        // Someone deleted the job's message: progress is not worth a new one, the result is.
        if (!slackMessageGone(err)) throw err;
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
    const missingScope = slackMissingScope(err);
    if (!code || !(slackUnreachable(err) || missingScope)) throw err;
    // Progress is not worth a word; the result is, and its requester must hear why it is not in the channel.
    if (!final) return "skipped";
    if (!missingScope && !job.deletedAt && (await postInChannelThroughResponseUrl(deps, d, reply, log))) return "posted";
    if (missingScope) {
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
  deps: DeliverDeps,
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
    if (!slackMissingScope(err)) throw err;
    log.warn("the requester could not be told either: the app lacks the scope to post");
  }
}

/** The command's response_url while Slack still takes it (30 minutes). */
function liveResponseUrl(d: SlackDelivery): string | undefined {
  return d.responseUrl && stillLive(d.responseUrlExpiresAt) ? d.responseUrl : undefined;
}

/** The live response_url when it is Slack's: one the worker may send to. */
function sendableResponseUrl(deps: DeliverDeps, d: SlackDelivery): string | undefined {
  const responseUrl = liveResponseUrl(d);
  return responseUrl && isSlackResponseUrl(responseUrl, deps.config) ? responseUrl : undefined;
}

/**
 * A public result in a conversation the bot may not post in (it is not a member: a private
 * channel, a DM, a group DM), posted through the command's response_url as `in_channel`, which
 * Slack takes in any conversation the command came from, while it lasts (30 minutes, five uses).
 * True when it went out; false when the response_url is gone, so the requester is told instead.
 */
async function postInChannelThroughResponseUrl(deps: DeliverDeps, d: SlackDelivery, reply: ChatReply, log: Logger): Promise<boolean> {
  const responseUrl = sendableResponseUrl(deps, d);
  if (!responseUrl) return false;
  try {
    await sendToSlack(reply, log, (message) => answerThrough(responseUrl, message, { responseType: "in_channel", replaceOriginal: false }));
    log.info("the bot is not in the conversation: the result went through the command's response_url");
    return true;
  } catch (err) {
    if (!responseUrlSpent(err)) throw err;
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
