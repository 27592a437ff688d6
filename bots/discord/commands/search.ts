import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { MAX_QUERY_LENGTH } from "../../../shared/meeting-search/query.js";
import { meetingSearchReply } from "../../core/meeting-search.js";
import { requestFor } from "../bot-context.js";
import { show } from "../reply.js";
import { type DiscordCommand, described } from "./command.js";

const text = discordCommandText.search;

/** `/search query:<words>`: the team's meetings; only the asker sees the hits (a private meeting is theirs). */
export const search: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("search"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => described(o.setName("query"), text.options.query).setRequired(true).setMaxLength(MAX_QUERY_LENGTH)),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await show(i, await meetingSearchReply(requestFor(bot, i).api, i.options.getString("query", true), chatLocaleOf(i.locale)));
  },
};
