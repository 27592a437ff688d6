import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { type ImageSize, limits } from "../../../shared/jobs/input.js";
import { imageSizeChoices, loraChoices, startGeneration } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { generateModal } from "../buttons.js";
import type { DiscordCommand } from "./command.js";

export const generate: DiscordCommand = {
  examples: ["/generate prompt:a lighthouse in fog size:Landscape 16:9 count:2", "/generate prompt:annstyle portrait lora:annstyle"],
  data: new SlashCommandBuilder()
    .setName("generate")
    .setDescription("Generate images from a prompt")
    .setDescriptionLocalizations({ de: "Bilder aus einem Prompt erzeugen" })
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName("prompt").setDescription("What to draw; leave it out for a form").setDescriptionLocalizations({ de: "Was gezeichnet werden soll; weglassen für ein Formular" }).setMaxLength(limits.promptLength))
    .addStringOption((o) => o.setName("size").setDescription("Image size").setDescriptionLocalizations({ de: "Bildgröße" }).addChoices(...imageSizeChoices))
    .addIntegerOption((o) => o.setName("count").setDescription(`How many images (${limits.imageCount.min}-${limits.imageCount.max})`).setMinValue(limits.imageCount.min).setMaxValue(limits.imageCount.max))
    // A string: Discord's integers stop at 2^53, and seeds go to 2^64.
    .addStringOption((o) => o.setName("seed").setDescription(`Seed, for repeatable results (a whole number up to ${limits.seed.max})`).setMaxLength(String(limits.seed.max).length))
    .addStringOption((o) => o.setName("lora").setDescription("One of the LoRAs trained here").setAutocomplete(true))
    .addBooleanOption((o) => o.setName("private").setDescription("Show the result only to you").setDescriptionLocalizations({ de: "Das Ergebnis nur dir zeigen" })),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    const prompt = i.options.getString("prompt");
    if (!prompt) {
      // No prompt: the form, with room for a custom size or aspect ratio, the seed and the LoRA's strength.
      await i.showModal(generateModal(isPrivate ? "generate:private" : "generate"));
      return;
    }
    await deferJobReply(i, isPrivate);
    await startGeneration(requestFor(bot, i), {
      prompt,
      size: (i.options.getString("size") ?? undefined) as ImageSize | undefined,
      count: i.options.getInteger("count") ?? undefined,
      seed: i.options.getString("seed") ?? undefined,
      lora: i.options.getString("lora") ?? undefined,
      private: isPrivate,
    });
  },

  async autocomplete(i, bot) {
    const choices = await loraChoices(requestFor(bot, i).api, i.options.getFocused());
    await i.respond(choices);
  },
};
