import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { limits } from "../../../shared/jobs/input.js";
import { CommandInputError } from "../../core/explain.js";
import { startTraining } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import type { DiscordCommand } from "./command.js";

export const train: DiscordCommand = {
  examples: ["/train name:annstyle images:(attach a .zip of 10 photos)"],
  data: new SlashCommandBuilder()
    .setName("train")
    .setDescription("Train a LoRA on your pictures (a .zip of images) or a video")
    .setDescriptionLocalizations({ de: "Ein LoRA auf deinen Bildern (.zip) oder einem Video trainieren" })
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName("name").setDescription("Trigger word: one word that will call up the LoRA in prompts").setRequired(true).setMaxLength(limits.triggerWordLength))
    .addAttachmentOption((o) => o.setName("images").setDescription("A .zip of at least 4 images"))
    .addAttachmentOption((o) => o.setName("video").setDescription("A video to take frames from"))
    .addBooleanOption((o) => o.setName("private").setDescription("Keep the LoRA to yourself")),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    await deferJobReply(i, isPrivate);
    const images = i.options.getAttachment("images");
    const video = i.options.getAttachment("video");
    const file = images ?? video;
    if (!file || (images && video)) throw new CommandInputError("Attach either a .zip of images or a video (one of them).");
    await startTraining(requestFor(bot, i), {
      triggerWord: i.options.getString("name", true),
      file: { url: file.url, name: file.name, sizeBytes: file.size, contentType: file.contentType },
      private: isPrivate,
    });
  },
};
