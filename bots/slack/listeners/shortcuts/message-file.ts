import type { MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import type { ChatReply } from "../../../../shared/chat/reply.js";
import type { PlatformFile } from "../../../core/files.js";
import { type Invocation, type SlackContext, type SlackListener, actorOf } from "../../context.js";
import { slackFileById } from "../../files.js";
import { answerAlone } from "../../reply.js";

type MessageFile = { id?: string; name?: string; mimetype?: string };

/**
 * A message shortcut that acts on the message's first file of a kind ("Transcribe this file",
 * "Describe this image"): acked first, then answered to its user alone, the job replying in the
 * message's thread. `act` gets the file, or undefined when the message has none of that kind.
 */
export function messageFileShortcut(
  callbackId: string,
  accepts: (name: string, type: string | undefined) => boolean,
  act: (ctx: SlackContext, invocation: Invocation, file: (() => Promise<PlatformFile>) | undefined) => Promise<ChatReply | undefined>,
): SlackListener<SlackShortcutMiddlewareArgs<MessageShortcut>> {
  return async ({ ack, shortcut, respond, client, context }, ctx) => {
    await ack();
    const files = (shortcut.message.files ?? []) as MessageFile[];
    const found = files.find((f) => accepts(f.name ?? "", f.mimetype));
    const invocation: Invocation = {
      ...actorOf(shortcut),
      channel_id: shortcut.channel.id,
      trigger_id: shortcut.trigger_id,
      response_url: shortcut.response_url,
      thread_ts: shortcut.message.thread_ts ?? shortcut.message.ts,
    };
    Object.assign(invocation, await ctx.users.userOf(client, shortcut.user.id));
    const id = found?.id;
    await answerAlone(ctx, respond, callbackId, shortcut.user.id, () =>
      act(ctx, invocation, id ? () => slackFileById(client, id, context.botToken ?? "") : undefined),
    );
  };
}
