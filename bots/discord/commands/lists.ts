import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { platformUserId } from "../../../shared/chat/actor.js";
import { discordChoiceText, discordCommandText } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { type AssetType, assetsReply, myJobsReply, usageReply } from "../../core/views.js";
import { requestFor } from "../bot-context.js";
import { show } from "../reply.js";
import { type DiscordCommand, choice, described } from "./command.js";

/** Listings answer only the person who asked, in their language. */
export const jobs: DiscordCommand = {
  text: discordCommandText.jobs,
  data: described(new SlashCommandBuilder().setName("jobs"), discordCommandText.jobs.description).setContexts(InteractionContextType.Guild),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await show(i, await myJobsReply(requestFor(bot, i).api, platformUserId("discord", i.user.id), chatLocaleOf(i.locale)));
  },
};

const assetsText = discordCommandText.assets;

export const assets: DiscordCommand = {
  text: assetsText,
  data: described(new SlashCommandBuilder().setName("assets"), assetsText.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      described(o.setName("type"), assetsText.options.type).addChoices(
        choice("images", discordChoiceText.images),
        choice("videos", discordChoiceText.videos),
        choice("transcripts", discordChoiceText.transcripts),
        choice("loras", discordChoiceText.loras),
      ),
    )
    .addStringOption((o) => described(o.setName("search"), assetsText.options.search).setMaxLength(200)),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const type = (i.options.getString("type") ?? undefined) as AssetType | undefined;
    await show(
      i,
      await assetsReply(requestFor(bot, i).api, { type, search: i.options.getString("search") ?? undefined }, chatLocaleOf(i.locale)),
    );
  },
};

export const usage: DiscordCommand = {
  text: discordCommandText.usage,
  data: described(new SlashCommandBuilder().setName("usage"), discordCommandText.usage.description).setContexts(
    InteractionContextType.Guild,
  ),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await show(i, await usageReply(requestFor(bot, i).api, chatLocaleOf(i.locale)));
  },
};
