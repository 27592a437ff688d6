import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { limits } from "../../../shared/jobs/input.js";
import { startTranscription } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import type { DiscordCommand } from "./command.js";

export const transcribe: DiscordCommand = {
  examples: ["/transcribe file:(attach a recording) speakers:True", "/transcribe url:https://example.com/talk.mp3 language:fr"],
  data: new SlashCommandBuilder()
    .setName("transcribe")
    .setDescription("Transcribe a recording: a link, or an attached audio or video file")
    .setDescriptionLocalizations({ de: "Eine Aufnahme transkribieren: ein Link oder eine angehängte Audio- oder Videodatei" })
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName("url").setDescription("Link to an audio or video file").setMaxLength(limits.mediaUrlLength))
    .addAttachmentOption((o) => o.setName("file").setDescription("An audio or video file"))
    .addBooleanOption((o) => o.setName("speakers").setDescription("Label who speaks when"))
    .addStringOption((o) => o.setName("language").setDescription("Language code such as en or fr; detected when omitted").setMaxLength(limits.languageCodeLength))
    .addBooleanOption((o) => o.setName("private").setDescription("Show the result only to you")),

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
