import type { AutocompleteInteraction, ChatInputCommandInteraction, LocalizationMap, SharedSlashCommand } from "discord.js";
import type { CommandText } from "../../../shared/chat/locale/commands.js";
import { formText } from "../../../shared/chat/locale/forms.js";
import { type Localized, discordLocalizations, inEveryLocale } from "../../../shared/chat/locale/languages.js";
import { imageModels, imageSizes } from "../../../shared/jobs/input.js";
import type { DiscordBotContext } from "../bot-context.js";

/** A slash command as the discord.js guide has it: its definition, apart from what runs it. */
export interface DiscordCommand {
  data: SharedSlashCommand;
  /** Its words in each language: /help shows the examples of the asker's. */
  text: CommandText;
  /** Must defer before anything slow: Discord waits 3 seconds for the first answer. */
  execute(i: ChatInputCommandInteraction, bot: DiscordBotContext): Promise<void>;
  autocomplete?(i: AutocompleteInteraction, bot: DiscordBotContext): Promise<void>;
}

interface Describable<T> {
  setDescription(description: string): T;
  setDescriptionLocalizations(localizations: LocalizationMap | null): T;
}

/** A command's or option's description: English by default, the other languages as Discord's localizations. */
export function described<T extends Describable<T>>(builder: T, text: Localized): T {
  return builder.setDescription(text.en).setDescriptionLocalizations(discordLocalizations(text));
}

/** An option's choice, named in each client language. */
export function choice<V extends string>(value: V, name: Localized) {
  return { name: name.en, name_localizations: discordLocalizations(name), value };
}

/** The size presets as Discord's choices, each named in every client language. */
export const sizeChoices = imageSizes.map((value) =>
  choice(
    value,
    inEveryLocale((l) => formText[l].sizes[value]),
  ),
);

/** The FLUX models as Discord's choices, each described in every client language. */
export const modelChoices = imageModels.map((value) =>
  choice(
    value,
    inEveryLocale((l) => formText[l].models[value]),
  ),
);
