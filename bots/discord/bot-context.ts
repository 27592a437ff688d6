import {
  PermissionFlagsBits,
  type BaseInteraction,
  type MessageComponentInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
} from "discord.js";
import type { DeliveryRequest } from "../../shared/chat/delivery.js";
import { chatLocaleOf } from "../../shared/chat/locale/languages.js";
import type { ChatActor } from "../../shared/chat/actor.js";
import type { Logger } from "../../shared/logger.js";
import { type ApiConnection, apiFor, chatRequestId } from "../api-client.js";
import type { ChatRequest } from "../core/request.js";
import type { FileRules } from "../core/files.js";

/** What every Discord handler needs: how to reach the API, and the attachment rules. */
export interface DiscordBotContext {
  api: ApiConnection;
  files: FileRules;
  logger: Logger;
}

export function actorOf(i: BaseInteraction): ChatActor {
  return {
    platform: "discord",
    workspaceExternalId: i.guildId ?? "",
    workspaceName: i.guild?.name,
    externalUserId: i.user.id,
    displayName: i.user.globalName ?? i.user.username,
    // Manage Server in the guild: Discord's own mark of who may change its settings.
    admin: i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** The public reply's message of each deferred interaction, while it is being handled. */
const replyMessages = new WeakMap<BaseInteraction, string>();

/**
 * Defers the interaction (Discord waits 3 s for a first answer). A public reply is a message of
 * the bot's own: its id goes with the job, so the deliver queue can go on editing it with the
 * bot's token after the interaction's 15 minutes, instead of leaving it at "Running".
 */
export async function deferJobReply(
  i: ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction | MessageContextMenuCommandInteraction,
  ephemeral: boolean,
): Promise<void> {
  const res = await i.deferReply({ ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}), withResponse: true });
  const id = res.resource?.message?.id;
  if (!ephemeral && id) replyMessages.set(i, id);
}

/** The channel a thread belongs to, when the interaction comes from a thread: its /settings apply there. */
export function threadParentOf(i: BaseInteraction): string | undefined {
  return i.channel?.isThread() ? (i.channel.parentId ?? undefined) : undefined;
}

/** The API request for one interaction; its token lets the deliver queue edit the reply for 15 minutes. */
export function requestFor(bot: DiscordBotContext, i: BaseInteraction): ChatRequest {
  const actor = actorOf(i);
  // A button on a message in the channel (or a modal it opened): a job it starts replies to that message.
  const source = i.isMessageComponent()
    ? i.message
    : i.isModalSubmit()
      ? i.message
      : i.isMessageContextMenuCommand()
        ? i.targetMessage
        : null;
  const replyTo = source && !source.flags.has(MessageFlags.Ephemeral) ? source.id : undefined;
  const messageId = replyMessages.get(i);
  const locale = chatLocaleOf(i.locale);
  const parentChannelId = threadParentOf(i);
  const delivery: DeliveryRequest = {
    channelId: i.channelId ?? "",
    ...(locale !== "en" ? { locale } : {}),
    ...(parentChannelId ? { parentChannelId } : {}),
    interaction: { applicationId: i.applicationId, token: i.token },
    ...(replyTo ? { replyTo } : {}),
    ...(messageId ? { messageId } : {}),
  };
  return {
    api: apiFor(bot.api, actor, chatRequestId("discord", i.id)),
    actor,
    invocationId: `discord:${i.id}`,
    delivery,
    files: bot.files,
  };
}
