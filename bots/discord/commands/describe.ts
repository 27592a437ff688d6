import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { prepareDescribe } from "../../core/image-commands.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { attachedFile } from "./attachments.js";
import { type DiscordCommand, described } from "./command.js";

const text = discordCommandText.describe;

/** `/describe image:(a picture)`: four prompts that would make it, and its aspect ratio. */
export const describe: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("describe"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addAttachmentOption((o) => described(o.setName("image"), text.options.image).setRequired(true))
    .addBooleanOption((o) => described(o.setName("private"), text.options.private)),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    // Checked before the deferral: a file that is no picture, or too large, is refused to its author alone.
    const start = prepareDescribe(bot.files, {
      picture: { file: attachedFile(i.options.getAttachment("image", true)) },
      private: isPrivate,
    });
    await deferJobReply(i, isPrivate);
    await start(requestFor(bot, i));
  },
};
