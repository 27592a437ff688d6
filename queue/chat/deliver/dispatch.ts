import type { DiscordDelivery, SlackDelivery } from "../../../shared/chat/delivery.js";
import { actionItemsMenu } from "../../../shared/chat/action-items-menu.js";
import { jobReply } from "../../../shared/chat/job-reply.js";
import { jobReplyText } from "../../../shared/chat/locale/job-messages.js";
import { type ChatReply, notice } from "../../../shared/chat/reply.js";
import { finalStatuses, type JobDocument } from "../../../shared/db/mongo/job-schema.js";
import { toPublicJob } from "../../../shared/jobs/view.js";
import { linkFactory } from "../../../shared/links/factory.js";
import type { DeliverMessage } from "../../job-queue.js";
import { ChannelBusy } from "./channel-slots.js";
import type { DeliverDeps, DeliverOutcome } from "./deps.js";
import { type DeliveryState, deliveryState, markDelivered, markUndeliverable, recordDeliveryError } from "./delivery-state.js";
import { deliverDiscord, liveInteraction } from "./discord.js";
import { refreshQueuePositions } from "./queue-positions.js";
import { isRefusal, refusalReason } from "./refusals.js";
import { notesLines, readNotes } from "./notes-lines.js";
import { transcriptPreview } from "./result-files.js";
import { deliverSlack } from "./slack.js";

/** The job's message; a finished transcription quotes its first words and shows its notes' summary and action items. */
async function replyFor(deps: DeliverDeps, job: JobDocument): Promise<ChatReply> {
  // A queued job says how many of its kind are ahead of it, as of this update.
  const queuedAhead =
    job.status === "queued" && !job.deletedAt ? await deps.queue.ahead(job.type, job.createdAt).catch(() => undefined) : undefined;
  const reply = baseReply(deps, job, queuedAhead);
  const preview = job.status === "completed" ? await transcriptPreview(deps.storage, job) : undefined;
  const notes = await readNotes(deps.storage, job);
  const lines = notesLines(notes, job.delivery?.locale);
  // On Slack an action item can go to its owner's DM (a bot cannot set a user's reminder: reminders.add takes a user token).
  const items = notes && job.delivery?.platform === "slack" ? actionItemsMenu(job.jobId, notes, job.delivery.locale ?? "en") : undefined;
  const withItems = items ? { ...reply, menus: [...(reply.menus ?? []), items] } : reply;
  return preview || lines.length > 0
    ? { ...withItems, lines: [...reply.lines, ...(preview ? [`“${preview}”`] : []), ...lines] }
    : withItems;
}

function baseReply(deps: DeliverDeps, job: JobDocument, queuedAhead?: number): ChatReply {
  const t = jobReplyText[job.delivery?.locale ?? "en"];
  if (job.deletedAt) return notice(t.deleted.title(job.jobId), t.deleted.line, "info");
  const base = deps.config.publicUrl ?? deps.config.chat.apiUrl;
  // A result in a channel says who asked; a private one goes to that person alone.
  const requester = job.delivery && !job.delivery.private ? job.delivery.platformUserId : undefined;
  return jobReply(toPublicJob(job, linkFactory(deps.config, base)), { requester, queuedAhead, locale: job.delivery?.locale });
}

/** Whether the job's message can still be edited: a live interaction, or a Slack channel message. */
function canEditInPlace(d: DiscordDelivery | SlackDelivery, state: DeliveryState): boolean {
  if (d.platform === "discord") return Boolean(liveInteraction(d));
  return !d.private && Boolean(state.messageTs);
}

/** One message of the deliver queue: a job's message brought up to date, or the positions of a type's waiting jobs refreshed. */
export async function runDeliverMessage(deps: DeliverDeps, message: DeliverMessage): Promise<DeliverOutcome | number> {
  return "queueMoved" in message ? refreshQueuePositions(deps, message.queueMoved) : runDeliver(deps, message.jobId);
}

/**
 * Brings a chat job's message up to date with the job as it is now. Runs of the same job never
 * overlap (the queue is stately), so edits arrive in order; the final state is delivered once.
 */
export async function runDeliver(deps: DeliverDeps, jobId: string): Promise<DeliverOutcome> {
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
