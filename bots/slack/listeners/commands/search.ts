import { meetingSearchReply } from "../../../core/meeting-search.js";
import { requestFor } from "../../context.js";
import { slashCommand } from "./slash-command.js";

/** `/search <words> ["a phrase"]`: the team's meetings, answered to the user alone. */
export const search = slashCommand("search", async (cmd, _team, ctx) => meetingSearchReply(requestFor(ctx, cmd).api, cmd.text, cmd.locale));
