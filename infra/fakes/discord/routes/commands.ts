import { commandsRefusal } from "../command-limits.js";
import { snowflake } from "../objects.js";
import type { DiscordState } from "../state.js";
import { botOnly, type DiscordApp, type DiscordContext, reply } from "./rest.js";

/** Bulk overwrite of the application's commands, global or for one guild, checked against Discord's naming and option rules. */
export function commandsRoutes(app: DiscordApp, state: DiscordState) {
  const overwrite = (c: DiscordContext) => {
    const list: unknown = c.get("body") ?? [];
    const refused = commandsRefusal(list);
    if (refused) return reply(c, refused.status, refused.body);
    const guildId = c.req.param("guildId");
    state.commands = (list as Array<Record<string, unknown>>).map((command) => ({
      ...command,
      id: snowflake(),
      application_id: state.applicationId,
      version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
    }));
    return reply(c, 200, state.commands);
  };
  app.put("/applications/:appId{[0-9]+}/commands", botOnly(state), overwrite);
  app.put("/applications/:appId{[0-9]+}/guilds/:guildId{[0-9]+}/commands", botOnly(state), overwrite);
}
