import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { askCommandText } from "../../../shared/chat/locale/meeting.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { askReply } from "../../core/ask-reply.js";
import { requestFor } from "../bot-context.js";
import { show } from "../reply.js";
import { type DiscordCommand, described } from "./command.js";

const text = askCommandText;

/** `/ask job:<id> question:<text>`: deferred at once (the gateway takes seconds), answered to the asker alone. */
export const ask: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("ask"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("job"), text.options.job).setRequired(true).setMaxLength(64))
    .addStringOption((o) => described(o.setName("question"), text.options.question).setRequired(true).setMinLength(3).setMaxLength(500)),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const input = { jobId: i.options.getString("job", true).trim(), question: i.options.getString("question", true) };
    await show(i, await askReply(requestFor(bot, i).api, input, chatLocaleOf(i.locale)));
  },
};
