import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { imageSizeChoices, loraChoices } from "../../core/actions.js";
import { CommandInputError } from "../../core/explain.js";
import { settingsReply } from "../../core/settings-view.js";
import { limits } from "../../../shared/jobs/input.js";
import { requestFor, threadParentOf } from "../bot-context.js";
import { show } from "../reply.js";
import type { DiscordCommand } from "./command.js";

const CLEAR = "clear";

/** `/settings show|set`: the server's or a channel's defaults and rules for jobs; only those with Manage Server may set them. */
export const settings: DiscordCommand = {
  examples: ["/settings show", "/settings set scope:This channel size:Landscape 16:9 max-images:2", "/settings set scope:Whole server training:admins"],
  data: new SlashCommandBuilder()
    .setName("settings")
    .setDescription("This server's and channel's defaults for jobs")
    .setDescriptionLocalizations({ de: "Voreinstellungen dieses Servers und Kanals für Aufträge" })
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((c) => c.setName("show").setDescription("What applies in this channel"))
    .addSubcommand((c) =>
      c
        .setName("set")
        .setDescription("Change them (Manage Server needed); 'clear' removes a value")
        .addStringOption((o) => o.setName("scope").setDescription("This channel, or the whole server").setRequired(true).addChoices({ name: "This channel", value: "channel" }, { name: "Whole server", value: "server" }))
        .addStringOption((o) => o.setName("size").setDescription("Default size").addChoices(...imageSizeChoices, { name: "clear", value: CLEAR }))
        .addStringOption((o) => o.setName("lora").setDescription("Default LoRA, or 'clear'").setAutocomplete(true))
        .addStringOption((o) => o.setName("private").setDescription("Make every result here private").addChoices({ name: "yes", value: "yes" }, { name: "no", value: "no" }, { name: "clear", value: CLEAR }))
        .addIntegerOption((o) => o.setName("max-images").setDescription("Most images per request (0 clears)").setMinValue(0).setMaxValue(limits.imageCount.max))
        .addStringOption((o) => o.setName("training").setDescription("Who may train LoRAs").addChoices({ name: "everyone", value: "everyone" }, { name: "admins", value: "admins" }, { name: "clear", value: CLEAR }))
        .addNumberOption((o) => o.setName("budget").setDescription("Monthly budget in USD for a channel's jobs (0 clears)").setMinValue(0)),
    ),

  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const api = requestFor(bot, i).api;
    // A thread follows its channel's settings.
    const channelId = threadParentOf(i) ?? i.channelId;
    const loraNames = new Map((await loraChoices(api, "")).map((l) => [l.value, l.name]));
    if (i.options.getSubcommand() === "show") {
      await show(i, settingsReply(await api.settings.get.query({ channelId }), loraNames));
      return;
    }
    const scoped = i.options.getString("scope", true) === "channel" ? { channelId } : {};
    const text = (name: string) => i.options.getString(name) ?? undefined;
    const clearable = <T>(v: string | undefined, map: (v: string) => T) => (v === undefined ? undefined : v === CLEAR ? null : map(v));
    const maxImages = i.options.getInteger("max-images");
    const budget = i.options.getNumber("budget");
    const loraText = text("lora");
    const lora = loraText === undefined ? undefined : loraText === CLEAR ? null : [...loraNames.keys()].find((id) => id === loraText || loraNames.get(id)?.toLowerCase().startsWith(loraText.toLowerCase()));
    if (lora === undefined && loraText !== undefined) throw new CommandInputError(`There is no finished LoRA called "${loraText}" here.`);
    const changed = await api.settings.set.mutate({
      ...scoped,
      imageSize: clearable(text("size"), (v) => v as (typeof imageSizeChoices)[number]["value"]),
      lora,
      privateResults: clearable(text("private"), (v) => v === "yes"),
      maxImages: maxImages === null ? undefined : maxImages === 0 ? null : maxImages,
      trainers: clearable(text("training"), (v) => v as "everyone" | "admins"),
      monthlyBudgetUsd: budget === null ? undefined : budget === 0 ? null : budget,
    });
    await show(i, settingsReply(changed, loraNames));
  },

  async autocomplete(i, bot) {
    await i.respond([...(await loraChoices(requestFor(bot, i).api, i.options.getFocused())).slice(0, 24), { name: "clear", value: CLEAR }]);
  },
};
