import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordLocalizations } from "../../../shared/chat/locale/languages.js";
import {
  videoValueText,
  videoCommandText,
  videoDurationText,
  videoModelText,
  videoMotionText,
} from "../../../shared/chat/locale/video-command.js";
import { chatVideoAspectRatios, chatVideoDurations, chatVideoModels } from "../../../shared/chat/video-choices.js";
import { limits } from "../../../shared/jobs/input.js";
import { type VideoModel, type VideoMotion, videoMotions } from "../../../shared/jobs/video-endpoints.js";
import { prepareVideo } from "../../core/video-command.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { attachedFile } from "./attachments.js";
import { type DiscordCommand, choice, described } from "./command.js";

const text = videoCommandText;

/** A model's choice: its name in each language, or its id where none is written. */
const modelChoice = (model: VideoModel) => choice(model, videoModelText[model] ?? videoValueText(model));

/**
 * `/video prompt:… [image] [duration] [aspect] [model] [motion] [private]`: a clip from the prompt,
 * or with a picture attached, the picture animated. Durations are offered for every model; the
 * API's own check refuses one the chosen model does not make, before the deferral.
 */
export const video: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("video"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("prompt"), text.options.prompt).setRequired(true).setMaxLength(limits.promptLength))
    .addAttachmentOption((o) => described(o.setName("image"), text.options.image))
    .addIntegerOption((o) =>
      described(o.setName("duration"), text.options.duration).addChoices(
        ...chatVideoDurations.map((s) => {
          const name = videoDurationText(s);
          return { name: name.en, name_localizations: discordLocalizations(name), value: s };
        }),
      ),
    )
    .addStringOption((o) =>
      described(o.setName("aspect"), text.options.aspect).addChoices(...chatVideoAspectRatios.map((r) => choice(r, videoValueText(r)))),
    )
    .addStringOption((o) => described(o.setName("model"), text.options.model).addChoices(...chatVideoModels.map(modelChoice)))
    .addStringOption((o) =>
      described(o.setName("motion"), text.options.motion).addChoices(...videoMotions.map((m) => choice(m, videoMotionText[m]))),
    )
    .addBooleanOption((o) => described(o.setName("private"), text.options.private)),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    const image = i.options.getAttachment("image");
    // Checked before the deferral and before any upload: the picture, and the options as the API takes them.
    const start = prepareVideo(bot.files, {
      prompt: i.options.getString("prompt", true),
      duration: i.options.getInteger("duration") ?? undefined,
      aspectRatio: i.options.getString("aspect") ?? undefined,
      model: (i.options.getString("model") ?? undefined) as VideoModel | undefined,
      motion: (i.options.getString("motion") ?? undefined) as VideoMotion | undefined,
      private: isPrivate,
      picture: image ? attachedFile(image) : undefined,
    });
    await deferJobReply(i, isPrivate);
    await start(requestFor(bot, i));
  },
};
