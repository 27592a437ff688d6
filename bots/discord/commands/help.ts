import { ApplicationCommandOptionType, InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { toDiscordMessage } from "../../../shared/chat/discord-message.js";
import { type CommandHelp, helpReply } from "../../core/help.js";
import type { DiscordCommand } from "./command.js";

/** A command's help, read off its registration payload: the description and each option as Discord shows it. */
export function commandHelp(c: DiscordCommand): CommandHelp {
  const json = c.data.toJSON();
  const options = (json.options ?? []).map((o) => {
    const value = o.type === ApplicationCommandOptionType.Attachment ? "(file)" : o.type === ApplicationCommandOptionType.Boolean ? "True" : "…";
    return "required" in o && o.required ? `${o.name}:${value}` : `[${o.name}]`;
  });
  return { name: json.name, description: json.description, usage: [`/${json.name}`, ...options].join(" "), examples: c.examples ?? [] };
}

/** `/help`, listing `commands()` (every command, itself included), only to the asker. */
export function helpCommand(commands: () => readonly DiscordCommand[]): DiscordCommand {
  return {
    data: new SlashCommandBuilder().setName("help").setDescription("What the bot does, with examples").setDescriptionLocalizations({ de: "Was der Bot kann, mit Beispielen" }).setContexts(InteractionContextType.Guild),
    examples: ["/help"],
    async execute(i) {
      const menu = { name: "Apps → Transcribe", value: "On a message with an audio or video file: transcribes it for the channel, replying to the message." };
      await i.reply({ ...toDiscordMessage(helpReply(commands().map(commandHelp), [menu])), flags: MessageFlags.Ephemeral });
    },
  };
}
