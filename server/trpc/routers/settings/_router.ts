import { setSettingsInput, settingsScope } from "../../../../shared/jobs/settings.js";
import { authedProcedure, router } from "../../init.js";
import { getSettingsHandler } from "./get.handler.js";
import { setSettingsHandler } from "./set.handler.js";

/** A server's or team's defaults and rules for chat jobs, per channel (`/settings`). */
export const settingsRouter = router({
  get: authedProcedure.input(settingsScope).query(getSettingsHandler),
  set: authedProcedure.input(setSettingsInput).mutation(setSettingsHandler),
});
