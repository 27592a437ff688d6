import { ApplicationCommandOptionType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { toDiscordMessage } from "../../../shared/chat/discord-message.js";
import { discordCommandText, helpText } from "../../../shared/chat/locale/commands.js";
import { type ChatLocale, chatLocaleOf, discordLocaleCode } from "../../../shared/chat/locale/languages.js";
import { type CommandHelp, helpReply } from "../../core/help.js";
import { type DiscordCommand, described } from "./command.js";

/** A command's help, read off its registration payload: the description in the asker's language and each option as Discord shows it. */
export function commandHelp(c: DiscordCommand, locale: ChatLocale = "en"): CommandHelp {
  const json = c.data.toJSON();
  const options = (json.options ?? []).map((o) => {
    const value =
      o.type === ApplicationCommandOptionType.Attachment ? "(file)" : o.type === ApplicationCommandOptionType.Boolean ? "True" : "…";
    return "required" in o && o.required ? `${o.name}:${value}` : `[${o.name}]`;
  });
  const code = discordLocaleCode(locale);
  const description = (code && json.description_localizations?.[code]) || json.description;
  return { name: json.name, description, usage: [`/${json.name}`, ...options].join(" "), examples: c.text.examples[locale] };
}

/** `/help`, listing `commands()` (every command, itself included), only to the asker, in their language. */
export function helpCommand(commands: () => readonly DiscordCommand[]): DiscordCommand {
  const text = discordCommandText.help;
  return {
    text,
    data: described(new SlashCommandBuilder().setName("help"), text.description).setContexts(InteractionContextType.Guild),
    async execute(i) {
      const locale = chatLocaleOf(i.locale);
      const t = helpText[locale];
      const menus = [
        { name: t.menuName, value: t.menu },
        { name: t.describeMenuName, value: t.describeMenu },
      ];
      await i.reply({
        ...toDiscordMessage(
          helpReply(
            commands().map((c) => commandHelp(c, locale)),
            menus,
            locale,
          ),
        ),
        flags: MessageFlags.Ephemeral,
      });
    },
  };
}
