import { platformUserId } from "../../../../shared/chat/actor.js";
import { myJobsReply } from "../../../core/views.js";
import { requestFor } from "../../context.js";
import { slashCommand } from "./slash-command.js";

/** `/jobs`: the user's recent jobs. */
export const jobs = slashCommand("jobs", async (cmd, _team, ctx) =>
  myJobsReply(requestFor(ctx, cmd).api, platformUserId("slack", cmd.user_id), cmd.locale),
);
