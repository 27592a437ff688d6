import { helpReply } from "../../../core/help.js";
import { slackHelp } from "../../commands.js";
import { slashCommand } from "./slash-command.js";

/** Block Kit's most fields in one section. */
const SLACK_SECTION_FIELDS = 10;

/** `/help`: every command with its usage and examples, and the buttons, in the fields one section holds. */
export const help = slashCommand("help", async (cmd) => helpReply(slackHelp(cmd.locale), [], cmd.locale, SLACK_SECTION_FIELDS));
