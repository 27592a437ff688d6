import { readSettings } from "../../../../jobs/chat-settings.js";
import type { AuthedContext } from "../../context.js";

/** `settings.get`: the server's or team's chat settings, a channel's, and what applies there. */
export const getSettingsHandler = ({ ctx, input }: { ctx: AuthedContext; input: { channelId?: string | undefined } }) =>
  readSettings(ctx, input.channelId);
