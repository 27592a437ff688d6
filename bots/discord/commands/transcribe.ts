import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { limits } from "../../../shared/jobs/input.js";
import { transcriptionLimits } from "../../../shared/jobs/transcription-rules.js";
import { startTranscription } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { type DiscordCommand, described } from "./command.js";

const text = discordCommandText.transcribe;
const { speakersExpected } = transcriptionLimits;
/** A comma-separated list in one string option: within Discord's 6,000 characters, and long enough for the API's own bounds to refuse. */
const LIST_LENGTH = 4_000;

export const transcribe: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("transcribe"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("url"), text.options.url).setMaxLength(limits.mediaUrlLength))
    .addAttachmentOption((o) => described(o.setName("file"), text.options.file))
    .addBooleanOption((o) => described(o.setName("speakers"), text.options.speakers))
    .addStringOption((o) => described(o.setName("language"), text.options.language).setMaxLength(limits.languageCodeLength))
    .addBooleanOption((o) => described(o.setName("private"), text.options.private))
    .addIntegerOption((o) =>
      described(o.setName("speaker-count"), text.options["speaker-count"])
        .setMinValue(speakersExpected.min)
        .setMaxValue(speakersExpected.max),
    )
    .addStringOption((o) => described(o.setName("speaker-names"), text.options["speaker-names"]).setMaxLength(LIST_LENGTH))
    .addStringOption((o) => described(o.setName("vocabulary"), text.options.vocabulary).setMaxLength(LIST_LENGTH))
    .addBooleanOption((o) => described(o.setName("redact-pii"), text.options["redact-pii"]))
    .addStringOption((o) => described(o.setName("translate-to"), text.options["translate-to"]).setMaxLength(limits.languageCodeLength))
    .addBooleanOption((o) => described(o.setName("notes"), text.options.notes)),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    await deferJobReply(i, isPrivate);
    const file = i.options.getAttachment("file");
    await startTranscription(requestFor(bot, i), {
      url: i.options.getString("url") ?? undefined,
      file: file ? { url: file.url, name: file.name, sizeBytes: file.size, contentType: file.contentType } : undefined,
      speakers: i.options.getBoolean("speakers") ?? undefined,
      language: i.options.getString("language") ?? undefined,
      speakerCount: i.options.getInteger("speaker-count") ?? undefined,
      speakerNames: i.options.getString("speaker-names") ?? undefined,
      vocabulary: i.options.getString("vocabulary") ?? undefined,
      redactPii: i.options.getBoolean("redact-pii") ?? undefined,
      translateTo: i.options.getString("translate-to") ?? undefined,
      notes: i.options.getBoolean("notes") ?? undefined,
      private: isPrivate,
    });
  },
};
