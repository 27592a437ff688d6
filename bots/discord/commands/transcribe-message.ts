import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from "discord.js";
import { transcribeMenuName } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf, discordLocalizations } from "../../../shared/chat/locale/languages.js";
import { inputText } from "../../../shared/chat/locale/refusals.js";
import { startTranscription } from "../../core/actions.js";
import { isMediaFile } from "../../core/files.js";
import { type DiscordBotContext, deferJobReply, requestFor } from "../bot-context.js";

/** A command on a message's context menu (Apps → Transcribe): data apart from what runs it, as slash commands. */
export interface DiscordMessageCommand {
  data: ContextMenuCommandBuilder;
  execute(i: MessageContextMenuCommandInteraction, bot: DiscordBotContext): Promise<void>;
}

/** "Transcribe" on a message with an audio or video attachment: its first recording, transcribed for the channel. */
export const transcribeMessage: DiscordMessageCommand = {
  data: new ContextMenuCommandBuilder()
    .setName(transcribeMenuName.en)
    .setNameLocalizations(discordLocalizations(transcribeMenuName))
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild),
  async execute(i, bot) {
    const file = i.targetMessage.attachments.find((a) => isMediaFile(a.name, a.contentType));
    if (!file) {
      await i.reply({ content: inputText[chatLocaleOf(i.locale)].noRecording, flags: MessageFlags.Ephemeral });
      return;
    }
    await deferJobReply(i, false);
    await startTranscription(requestFor(bot, i), {
      file: { url: file.url, name: file.name, sizeBytes: file.size, contentType: file.contentType },
      private: false,
    });
  },
};
