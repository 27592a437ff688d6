import type { RespondFn } from "@slack/bolt";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { noticeText } from "../../shared/chat/locale/notices.js";
import { type ChatReply, notice } from "../../shared/chat/reply.js";
import { toSlackMessage } from "../../shared/chat/slack-message.js";
import { explain } from "../core/explain.js";
import type { SlackContext } from "./context.js";

/** A reply only its user sees, beside the message it answers. */
export function ephemeral(reply: ChatReply) {
  return { response_type: "ephemeral" as const, replace_original: false, ...toSlackMessage(reply) };
}

/** What the user is told of a job just queued: a private job's notice; a shared one shows in the channel instead. */
export function queued(jobId: string, isPrivate: boolean, locale: ChatLocale | undefined): ChatReply | undefined {
  const said = noticeText[locale ?? "en"];
  return isPrivate ? notice(said.queued, said.queuedPrivately(jobId), "progress") : undefined;
}

/** Runs a command's or a click's work and answers the user alone: its reply, or why it was refused, in `userId`'s language. */
export async function answerAlone(
  ctx: SlackContext,
  respond: RespondFn,
  what: string,
  userId: string,
  work: () => Promise<ChatReply | undefined>,
  requestId?: string,
): Promise<void> {
  try {
    const reply = await work();
    if (reply) await respond(ephemeral(reply));
  } catch (err) {
    ctx.logger.info({ requestId, what, reason: err instanceof Error ? err.message : String(err) }, "slack command refused");
    await respond(ephemeral(explain(err, ctx.users.knownLocale(userId)))).catch((e: unknown) =>
      ctx.logger.warn({ err: e }, "could not answer on Slack"),
    );
  }
}
