import {
  type ChatInputCommandInteraction,
  type MessageComponentInteraction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from "discord.js";
import { toDiscordMessage } from "../../shared/chat/discord-message.js";
import { chatLocaleOf } from "../../shared/chat/locale/languages.js";
import type { ChatReply } from "../../shared/chat/reply.js";
import { explain } from "../core/explain.js";

type Deferred = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction | MessageContextMenuCommandInteraction;

/**
 * Answers a deferred interaction with a refusal only its user sees, in their client's language. A public deferral cannot
 * turn ephemeral, so its placeholder is deleted and the refusal follows up ephemerally.
 */
export async function refuse(i: Deferred, err: unknown): Promise<void> {
  const message = toDiscordMessage(explain(err, chatLocaleOf(i.locale)));
  if (i.deferred && !i.ephemeral) {
    await i.deleteReply().catch(() => {});
    await i.followUp({ ...message, flags: MessageFlags.Ephemeral });
  } else if (i.deferred || i.replied) {
    await i.editReply(message);
  } else {
    await i.reply({ ...message, flags: MessageFlags.Ephemeral });
  }
}

export async function show(i: Deferred, reply: ChatReply): Promise<void> {
  await i.editReply(toDiscordMessage(reply));
}
