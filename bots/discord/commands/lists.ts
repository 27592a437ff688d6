import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { platformUserId } from "../../../shared/chat/actor.js";
import { type AssetType, assetsReply, myJobsReply, usageReply } from "../../core/views.js";
import { requestFor } from "../bot-context.js";
import { show } from "../reply.js";
import type { DiscordCommand } from "./command.js";

/** Listings answer only the person who asked. */
export const jobs: DiscordCommand = {
  examples: ["/jobs"],
  data: new SlashCommandBuilder().setName("jobs").setDescription("Your recent and running jobs").setDescriptionLocalizations({ de: "Deine letzten und laufenden Aufträge" }).setContexts(InteractionContextType.Guild),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await show(i, await myJobsReply(requestFor(bot, i).api, platformUserId("discord", i.user.id)));
  },
};

export const assets: DiscordCommand = {
  examples: ["/assets type:images search:lighthouse"],
  data: new SlashCommandBuilder()
    .setName("assets")
    .setDescription("The files shared in this server")
    .setDescriptionLocalizations({ de: "Die in diesem Server geteilten Dateien" })
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName("type")
        .setDescription("Which kind")
        .addChoices({ name: "images", value: "images" }, { name: "transcripts", value: "transcripts" }, { name: "LoRAs", value: "loras" }),
    )
    .addStringOption((o) => o.setName("search").setDescription("Words from a prompt, transcript or file name").setMaxLength(200)),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const type = (i.options.getString("type") ?? undefined) as AssetType | undefined;
    await show(i, await assetsReply(requestFor(bot, i).api, { type, search: i.options.getString("search") ?? undefined }));
  },
};

export const usage: DiscordCommand = {
  examples: ["/usage"],
  data: new SlashCommandBuilder().setName("usage").setDescription("This month's jobs and estimated cost").setDescriptionLocalizations({ de: "Aufträge und geschätzte Kosten dieses Monats" }).setContexts(InteractionContextType.Guild),
  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    await show(i, await usageReply(requestFor(bot, i).api));
  },
};
