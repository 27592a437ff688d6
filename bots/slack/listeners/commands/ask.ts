import { CommandInputError } from "../../../core/explain.js";
import { askReply } from "../../../core/ask-reply.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { slashCommand } from "./slash-command.js";

/** `/ask <job id> <question>`: acked at once (Slack's 3 s), then the answer to the asker alone. */
export const ask = slashCommand("ask", async (cmd, _team, ctx) => {
  const [jobId, ...words] = cmd.text.trim().split(/\s+/);
  const question = words.join(" ");
  if (!jobId || !question) throw new CommandInputError((t) => t.giveJobAndQuestion(slackUsage("ask", cmd.locale ?? "en")));
  return askReply(requestFor(ctx, cmd).api, { jobId, question }, cmd.locale);
});
