import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { discordCommandText } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { galleryLinkReply } from "../../core/gallery.js";
import { requestFor } from "../bot-context.js";
import { show } from "../reply.js";
import { type DiscordCommand, described } from "./command.js";

const text = discordCommandText.gallery;

/**
 * `/gallery`: a one-time sign-in link to the web gallery. The deferral is ephemeral before the
 * link exists, so neither the link nor a refusal can ever show in the channel.
 */
export const gallery: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("gallery"), text.description).setContexts(InteractionContextType.Guild),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await show(i, await galleryLinkReply(requestFor(bot, i).api, chatLocaleOf(i.locale)));
  },
};
