import { usageReply } from "../../../core/views.js";
import { requestFor } from "../../context.js";
import { slashCommand } from "./slash-command.js";

/** `/usage`: the workspace's usage and limits. */
export const usage = slashCommand("usage", async (cmd, _team, ctx) => usageReply(requestFor(ctx, cmd).api, cmd.locale));
