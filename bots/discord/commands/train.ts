import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { limits } from "../../../shared/jobs/input.js";
import { CommandInputError } from "../../core/explain.js";
import { startTraining } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { type DiscordCommand, described } from "./command.js";

const text = discordCommandText.train;

export const train: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("train"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("name"), text.options.name).setRequired(true).setMaxLength(limits.triggerWordLength))
    .addAttachmentOption((o) => described(o.setName("images"), text.options.images))
    .addAttachmentOption((o) => described(o.setName("video"), text.options.video))
    .addBooleanOption((o) => described(o.setName("private"), text.options.private)),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    await deferJobReply(i, isPrivate);
    const images = i.options.getAttachment("images");
    const video = i.options.getAttachment("video");
    const file = images ?? video;
    if (!file || (images && video)) throw new CommandInputError((t) => t.zipOrVideo);
    await startTraining(requestFor(bot, i), {
      triggerWord: i.options.getString("name", true),
      file: { url: file.url, name: file.name, sizeBytes: file.size, contentType: file.contentType },
      private: isPrivate,
    });
  },
};
