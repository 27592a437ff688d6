import { InteractionContextType, MessageFlags, SlashCommandBuilder } from "discord.js";
import { discordChoiceText, discordCommandText } from "../../../shared/chat/locale/commands.js";
import { chatLocaleOf } from "../../../shared/chat/locale/languages.js";
import { type ImageModel, type ImageSize, limits } from "../../../shared/jobs/input.js";
import { loraChoices } from "../../core/actions.js";
import { CommandInputError } from "../../core/explain.js";
import { settingsReply } from "../../core/settings-view.js";
import { listOf } from "../../core/transcription-options.js";
import { requestFor, threadParentOf } from "../bot-context.js";
import { loraChoicesInTime } from "../lora-choices.js";
import { show } from "../reply.js";
import { type DiscordCommand, choice, described, modelChoices, sizeChoices } from "./command.js";

const CLEAR = "clear";
const text = discordCommandText.settings;
const clear = choice(CLEAR, discordChoiceText.clear);
const yesNoClear = [choice("yes", discordChoiceText.yes), choice("no", discordChoiceText.no), clear];

/** `/settings show|set`: the server's or a channel's defaults and rules for jobs; only those with Manage Server may set them. */
export const settings: DiscordCommand = {
  text,
  data: described(new SlashCommandBuilder().setName("settings"), text.description)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((c) => described(c.setName("show"), text.options.show))
    .addSubcommand((c) =>
      described(c.setName("set"), text.options.set)
        .addStringOption((o) =>
          described(o.setName("scope"), text.options.scope)
            .setRequired(true)
            .addChoices(choice("channel", discordChoiceText.channel), choice("server", discordChoiceText.server)),
        )
        .addStringOption((o) => described(o.setName("size"), text.options.size).addChoices(...sizeChoices, clear))
        .addStringOption((o) => described(o.setName("model"), text.options.model).addChoices(...modelChoices, clear))
        .addStringOption((o) => described(o.setName("lora"), text.options.lora).setAutocomplete(true))
        .addStringOption((o) =>
          described(o.setName("private"), text.options.private).addChoices(
            choice("yes", discordChoiceText.yes),
            choice("no", discordChoiceText.no),
            clear,
          ),
        )
        .addIntegerOption((o) =>
          described(o.setName("max-images"), text.options["max-images"]).setMinValue(0).setMaxValue(limits.imageCount.max),
        )
        .addStringOption((o) =>
          described(o.setName("training"), text.options.training).addChoices(
            choice("everyone", discordChoiceText.everyone),
            choice("admins", discordChoiceText.admins),
            clear,
          ),
        )
        .addNumberOption((o) => described(o.setName("budget"), text.options.budget).setMinValue(0))
        .addStringOption((o) => described(o.setName("vocabulary"), text.options.vocabulary).setMaxLength(4_000))
        .addStringOption((o) => described(o.setName("redact-pii"), text.options["redact-pii"]).addChoices(...yesNoClear))
        .addStringOption((o) => described(o.setName("notes"), text.options.notes).addChoices(...yesNoClear)),
    ),

  async execute(i, bot) {
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    const locale = chatLocaleOf(i.locale);
    const api = requestFor(bot, i).api;
    // A thread follows its channel's settings.
    const channelId = threadParentOf(i) ?? i.channelId;
    const loraNames = new Map((await loraChoices(api, "")).map((l) => [l.value, l.name]));
    if (i.options.getSubcommand() === "show") {
      await show(i, settingsReply(await api.settings.get.query({ channelId }), loraNames, locale));
      return;
    }
    const scoped = i.options.getString("scope", true) === "channel" ? { channelId } : {};
    const given = (name: string) => i.options.getString(name) ?? undefined;
    const clearable = <T>(v: string | undefined, map: (v: string) => T) => (v === undefined ? undefined : v === CLEAR ? null : map(v));
    const maxImages = i.options.getInteger("max-images");
    const budget = i.options.getNumber("budget");
    const loraText = given("lora");
    const lora =
      loraText === undefined
        ? undefined
        : loraText === CLEAR
          ? null
          : [...loraNames.keys()].find((id) => id === loraText || loraNames.get(id)?.toLowerCase().startsWith(loraText.toLowerCase()));
    if (lora === undefined && loraText !== undefined) throw new CommandInputError((t) => t.noFinishedLora(loraText));
    const changed = await api.settings.set.mutate({
      ...scoped,
      imageSize: clearable(given("size"), (v) => v as ImageSize),
      model: clearable(given("model"), (v) => v as ImageModel),
      lora,
      privateResults: clearable(given("private"), (v) => v === "yes"),
      maxImages: maxImages === null ? undefined : maxImages === 0 ? null : maxImages,
      trainers: clearable(given("training"), (v) => v as "everyone" | "admins"),
      monthlyBudgetUsd: budget === null ? undefined : budget === 0 ? null : budget,
      vocabulary: clearable(given("vocabulary"), (v) => listOf(v) ?? null),
      redactPii: clearable(given("redact-pii"), (v) => v === "yes"),
      notes: clearable(given("notes"), (v) => v === "yes"),
    });
    await show(i, settingsReply(changed, loraNames, locale));
  },

  async autocomplete(i, bot) {
    const locale = chatLocaleOf(i.locale);
    await i.respond([
      // Within Discord's 3 seconds however slow the API, and 25 choices at most with "clear".
      ...(await loraChoicesInTime(i, bot)).slice(0, 24),
      { name: discordChoiceText.clear[locale], value: CLEAR },
    ]);
  },
};
