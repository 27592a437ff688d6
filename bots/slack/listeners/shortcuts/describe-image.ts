import type { MessageShortcut, SlackShortcutMiddlewareArgs } from "@slack/bolt";
import { CommandInputError } from "../../../core/explain.js";
import { isImageFile } from "../../../core/files.js";
import { prepareDescribe } from "../../../core/image-commands.js";
import { type Invocation, type SlackListener, actorOf, requestFor } from "../../context.js";
import { slackFileById } from "../../files.js";
import { answerAlone } from "../../reply.js";

/** "Describe this image" on a message: its first picture, described into the message's thread. */
export const describeImage: SlackListener<SlackShortcutMiddlewareArgs<MessageShortcut>> = async (
  { ack, shortcut, respond, client, context },
  ctx,
) => {
  await ack();
  const files = (shortcut.message.files ?? []) as Array<{ id?: string; name?: string; mimetype?: string }>;
  const file = files.find((f) => isImageFile(f.name ?? "", f.mimetype));
  const invocation: Invocation = {
    ...actorOf(shortcut),
    channel_id: shortcut.channel.id,
    trigger_id: shortcut.trigger_id,
    response_url: shortcut.response_url,
    thread_ts: shortcut.message.thread_ts ?? shortcut.message.ts,
  };
  Object.assign(invocation, await ctx.users.userOf(client, shortcut.user.id));
  await answerAlone(ctx, respond, "describe_image", shortcut.user.id, async () => {
    if (!file?.id) throw new CommandInputError((t) => t.noImage);
    const picture = { file: await slackFileById(client, file.id, context.botToken ?? "") };
    await prepareDescribe(ctx.files, { picture, private: false })(requestFor(ctx, invocation));
    return undefined;
  });
};
