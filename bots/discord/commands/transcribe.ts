import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { limits } from "../../../shared/jobs/input.js";
import { startTranscription } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { type DiscordCommand, described } from "./command.js";

const text = discordCommandText.transcribe;

export const transcribe: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("transcribe"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("url"), text.options.url).setMaxLength(limits.mediaUrlLength))
    .addAttachmentOption((o) => described(o.setName("file"), text.options.file))
    .addBooleanOption((o) => described(o.setName("speakers"), text.options.speakers))
    .addStringOption((o) => described(o.setName("language"), text.options.language).setMaxLength(limits.languageCodeLength))
    .addBooleanOption((o) => described(o.setName("private"), text.options.private)),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    await deferJobReply(i, isPrivate);
    const file = i.options.getAttachment("file");
    await startTranscription(requestFor(bot, i), {
      url: i.options.getString("url") ?? undefined,
      file: file ? { url: file.url, name: file.name, sizeBytes: file.size, contentType: file.contentType } : undefined,
      speakers: i.options.getBoolean("speakers") ?? undefined,
      language: i.options.getString("language") ?? undefined,
      private: isPrivate,
    });
  },
};
