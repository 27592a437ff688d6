import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { type ImageModel, limits } from "../../../shared/jobs/input.js";
import { parseSize } from "../../../shared/jobs/typed-choices.js";
import { startGeneration } from "../../core/actions.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { generateModal } from "../buttons.js";
import { loraChoicesInTime } from "../lora-choices.js";
import { sizeSuggestions } from "../size-choices.js";
import { type DiscordCommand, described, modelChoices } from "./command.js";

const text = discordCommandText.generate;

export const generate: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("generate"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("prompt"), text.options.prompt).setMaxLength(limits.promptLength))
    // Free text with suggestions, not choices: `16:9` or `1536x640` work as in Slack and the CLI (Discord allows no choices beside autocomplete).
    .addStringOption((o) => described(o.setName("size"), text.options.size).setMaxLength(32).setAutocomplete(true))
    .addIntegerOption((o) =>
      described(o.setName("count"), text.options.count).setMinValue(limits.imageCount.min).setMaxValue(limits.imageCount.max),
    )
    // A string: Discord's integers stop at 2^53, and seeds go to 2^64.
    .addStringOption((o) => described(o.setName("seed"), text.options.seed).setMaxLength(String(limits.seed.max).length))
    .addStringOption((o) => described(o.setName("lora"), text.options.lora).setAutocomplete(true))
    .addStringOption((o) => described(o.setName("model"), text.options.model).addChoices(...modelChoices))
    .addBooleanOption((o) => described(o.setName("private"), text.options.private)),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    const prompt = i.options.getString("prompt");
    const model = (i.options.getString("model") ?? undefined) as ImageModel | undefined;
    if (!prompt) {
      // No prompt: the form, with room for a custom size or aspect ratio, the seed, the model or the LoRA's strength.
      await i.showModal(generateModal(isPrivate ? "generate:private" : "generate", { model }, chatLocaleOf(i.locale)));
      return;
    }
    // Read before the deferral: a size that does not read is refused to its author alone, saying what reads.
    const typedSize = i.options.getString("size");
    const size = typedSize ? parseSize(typedSize) : undefined;
    await deferJobReply(i, isPrivate);
    await startGeneration(requestFor(bot, i), {
      prompt,
      size,
      count: i.options.getInteger("count") ?? undefined,
      seed: i.options.getString("seed") ?? undefined,
      model,
      lora: i.options.getString("lora") ?? undefined,
      private: isPrivate,
    });
  },

  async autocomplete(i, bot) {
    const focused = i.options.getFocused(true);
    if (focused.name === "size") await i.respond(sizeSuggestions(String(focused.value), chatLocaleOf(i.locale)));
    else await i.respond(await loraChoicesInTime(i, bot));
  },
};
