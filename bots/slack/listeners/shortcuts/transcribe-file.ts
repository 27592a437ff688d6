import type { MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { noticeText } from "../../../../shared/chat/locale/notices.js";
import { notice } from "../../../../shared/chat/reply.js";
import { startTranscription } from "../../../core/actions.js";
import { isMediaFile } from "../../../core/files.js";
import { type Invocation, type SlackListener, actorOf, requestFor } from "../../context.js";
import { slackFileById } from "../../files.js";
import { answerAlone } from "../../reply.js";

/** "Transcribe this file" on a message: its first recording, transcribed into the message's thread. */
export const transcribeFile: SlackListener<SlackShortcutMiddlewareArgs<MessageShortcut>> = async (
  { ack, shortcut, respond, client, context },
  ctx,
) => {
  await ack();
  const files = (shortcut.message.files ?? []) as Array<{ id?: string; name?: string; mimetype?: string }>;
  const file = files.find((f) => isMediaFile(f.name ?? "", f.mimetype));
  const invocation: Invocation = {
    ...actorOf(shortcut),
    channel_id: shortcut.channel.id,
    trigger_id: shortcut.trigger_id,
    response_url: shortcut.response_url,
    thread_ts: shortcut.message.thread_ts ?? shortcut.message.ts,
  };
  Object.assign(invocation, await ctx.users.userOf(client, shortcut.user.id));
  await answerAlone(ctx, respond, "transcribe_file", shortcut.user.id, async () => {
    const said = noticeText[invocation.locale ?? "en"];
    if (!file?.id) return notice(said.nothingToTranscribe, said.noRecordingHere);
    await startTranscription(requestFor(ctx, invocation), {
      file: await slackFileById(client, file.id, context.botToken ?? ""),
      private: false,
    });
    return undefined;
  });
};
