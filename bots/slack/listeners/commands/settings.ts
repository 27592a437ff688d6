import { loraChoices } from "../../../core/actions.js";
import { settingsReply } from "../../../core/settings-view.js";
import { requestFor } from "../../context.js";
import { readSettingsOptions, settingsChange } from "../../settings-options.js";
import { slashCommand } from "./slash-command.js";

/** `/settings` shows the channel's settings; `/settings set …` changes them. */
export const settings = slashCommand("settings", async (cmd, _team, ctx) => {
  const [verb] = cmd.text.trim().split(/\s+/);
  if (verb !== "set") {
    const api = requestFor(ctx, cmd).api;
    const loraNames = new Map((await loraChoices(api, "")).map((l) => [l.value, l.name]));
    return settingsReply(await api.settings.get.query({ channelId: cmd.channel_id }), loraNames, cmd.locale);
  }
  const values = readSettingsOptions(cmd.text.trim().slice(3), cmd.locale ?? "en");
  // Slack says who administers the workspace (users.info): the API takes the bot's word for it.
  const api = requestFor(ctx, cmd).api;
  const loraNames = new Map((await loraChoices(api, "")).map((l) => [l.value, l.name]));
  const changed = await api.settings.set.mutate(settingsChange(values, cmd.channel_id, loraNames));
  return settingsReply(changed, loraNames, cmd.locale);
});
