import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { type ImageModel, limits } from "../../../shared/jobs/input.js";
import { parseSize } from "../../../shared/jobs/typed-choices.js";
import { startGeneration } from "../../core/actions.js";
import { CommandInputError } from "../../core/explain.js";
import { prepareReferenceGeneration, referenceOptions } from "../../core/image-commands.js";
import { deferJobReply, requestFor } from "../bot-context.js";
import { generateModal } from "../buttons.js";
import { loraChoicesInTime } from "../lora-choices.js";
import { sizeSuggestions } from "../size-choices.js";
import { attachedFile } from "./attachments.js";
import { type DiscordCommand, described, modelChoices } from "./command.js";

const text = discordCommandText.generate;

/** A number option's value as given, whichever numeric type the client sent it as. */
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
    .addBooleanOption((o) => described(o.setName("private"), text.options.private))
    // Reference pictures, each with its role; the weight steers a style reference (FLUX Redux's image prompt strength).
    .addAttachmentOption((o) => described(o.setName("style"), text.options.style))
    .addAttachmentOption((o) => described(o.setName("subject"), text.options.subject))
    .addAttachmentOption((o) => described(o.setName("composition"), text.options.composition))
    .addNumberOption((o) =>
      described(o.setName("reference-weight"), text.options["reference-weight"])
        .setMinValue(limits.referenceWeight.min)
        .setMaxValue(limits.referenceWeight.max),
    ),

  async execute(i, bot) {
    const isPrivate = i.options.getBoolean("private") ?? false;
    const prompt = i.options.getString("prompt");
    const model = (i.options.getString("model") ?? undefined) as ImageModel | undefined;
    const references = referenceOptions.flatMap((role) => {
      const a = i.options.getAttachment(role);
      return a ? [{ file: attachedFile(a), role }] : [];
    });
    // The form takes no pictures: a generation with references needs its prompt in the command.
    if (!prompt && references.length) throw new CommandInputError((t) => t.prompt);
    const weight = i.options.getNumber("reference-weight") ?? undefined;
    if (weight !== undefined && !references.length) throw new CommandInputError((t) => t.weightWithoutReference("reference-weight"));
    if (!prompt) {
      // No prompt: the form, with room for a custom size or aspect ratio, the seed, the model or the LoRA's strength.
      await i.showModal(generateModal(isPrivate ? "generate:private" : "generate", { model }, chatLocaleOf(i.locale)));
      return;
    }
    // Read before the deferral: a size that does not read is refused to its author alone, saying what reads.
    const typedSize = i.options.getString("size");
    if (references.length) {
      // Checked before the deferral and before any upload: the pictures, and the combination as the API takes it.
      const start = prepareReferenceGeneration(bot.files, {
        prompt,
        references,
        weight,
        size: typedSize ?? undefined,
        count: i.options.getInteger("count") ?? undefined,
        seed: i.options.getString("seed") ?? undefined,
        model,
        lora: i.options.getString("lora") ?? undefined,
        private: isPrivate,
      });
      await deferJobReply(i, isPrivate);
      await start(requestFor(bot, i));
      return;
    }
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
