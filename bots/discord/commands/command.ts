import type { AutocompleteInteraction, ChatInputCommandInteraction, SharedSlashCommand } from "discord.js";
import type { DiscordBotContext } from "../bot-context.js";

/** A slash command as the discord.js guide has it: its definition, apart from what runs it. */
export interface DiscordCommand {
  data: SharedSlashCommand;
  /** Shown by /help under the command's own description and options. */
  examples?: readonly string[];
  /** Must defer before anything slow: Discord waits 3 seconds for the first answer. */
  execute(i: ChatInputCommandInteraction, bot: DiscordBotContext): Promise<void>;
  autocomplete?(i: AutocompleteInteraction, bot: DiscordBotContext): Promise<void>;
}
