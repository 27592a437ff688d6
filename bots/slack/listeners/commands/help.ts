import { helpReply } from "../../../core/help.js";
import { slackHelp } from "../../commands.js";
import { slashCommand } from "./slash-command.js";

/** `/help`: every command with its usage and examples, and the buttons (the renderer puts 10 fields a section). */
export const help = slashCommand("help", async (cmd) => helpReply(slackHelp(cmd.locale), [], cmd.locale));
