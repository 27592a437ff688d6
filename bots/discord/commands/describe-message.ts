import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType, MessageFlags } from "discord.js";
import { describeMenuName } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf, discordLocalizations } from "../../../shared/chat/locale/languages.js";
import { inputText } from "../../../shared/chat/locale/refusals.js";
import { isImageFile } from "../../core/files.js";
import { prepareDescribe } from "../../core/image-commands.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { attachedFile } from "./attachments.js";
import type { DiscordMessageCommand } from "./transcribe-message.js";

/** "Describe this image" on a message with a picture: its first one described for the channel, replying to the message. */
export const describeMessage: DiscordMessageCommand = {
  data: new ContextMenuCommandBuilder()
    .setName(describeMenuName.en)
    .setNameLocalizations(discordLocalizations(describeMenuName))
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild),
  async execute(i, bot) {
    const picture = i.targetMessage.attachments.find((a) => isImageFile(a.name, a.contentType));
    if (!picture) {
      await i.reply({ content: inputText[chatLocaleOf(i.locale)].noImage, flags: MessageFlags.Ephemeral });
      return;
    }
    const start = prepareDescribe(bot.files, { picture: { file: attachedFile(picture) }, private: false });
    await deferJobReply(i, false);
    await start(requestFor(bot, i));
  },
};
