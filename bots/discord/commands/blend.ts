import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText, kontextAspectText } from "../../../shared/chat/locale/commands.js";
import { kontextAspectRatios, limits } from "../../../shared/jobs/input.js";
import { prepareBlend } from "../../core/image-commands.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { attachedFile } from "./attachments.js";
import { type DiscordCommand, choice, described } from "./command.js";

const text = discordCommandText.blend;

/** One option per picture FLUX Kontext multi has a slot for; the first two required, as a blend needs two. */
const pictureOptions = ["image1", "image2", "image3", "image4"] as const satisfies ReadonlyArray<keyof typeof text.options>;

/** `/blend image1:… image2:… [image3] [image4] [prompt] [aspect]`: the pictures blended into one. */
export const blend: DiscordCommand = {
  text,
  data: (() => {
    const builder = described(new SlashCommandBuilder().setName("blend"), text.description).setContexts(InteractionContextType.Guild);
    for (const [n, name] of pictureOptions.entries())
      builder.addAttachmentOption((o) => described(o.setName(name), text.options[name]).setRequired(n < limits.blendImages.min));
    return builder
      .addStringOption((o) => described(o.setName("prompt"), text.options.prompt).setMaxLength(limits.promptLength))
      .addStringOption((o) =>
        described(o.setName("aspect"), text.options.aspect).addChoices(...kontextAspectRatios.map((r) => choice(r, kontextAspectText[r]))),
      )
      .addBooleanOption((o) => described(o.setName("private"), text.options.private));
  })(),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    const pictures = pictureOptions.flatMap((name) => {
      const a = i.options.getAttachment(name);
      return a ? [{ file: attachedFile(a) }] : [];
    });
    // Checked before the deferral and before any upload: the pictures' types and sizes, and the blend as the API takes it.
    const start = prepareBlend(bot.files, {
      pictures,
      prompt: i.options.getString("prompt") ?? undefined,
      aspectRatio: i.options.getString("aspect") ?? undefined,
      private: isPrivate,
    });
    await deferJobReply(i, isPrivate);
    await start(requestFor(bot, i));
  },
};
