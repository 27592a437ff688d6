import { updateSettings } from "../../../../jobs/chat-settings.js";
import type { SetSettingsInput } from "../../../../shared/jobs/settings.js";
import type { AuthedContext } from "../../context.js";

/** `settings.set`: an admin changes the given fields (null clears one) for the server or team, or one channel. */
export const setSettingsHandler = ({ ctx, input }: { ctx: AuthedContext; input: SetSettingsInput }) => updateSettings(ctx, input);
