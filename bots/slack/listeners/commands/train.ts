import { startTraining } from "../../../core/actions.js";
import { CommandInputError } from "../../../core/explain.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { slackFile } from "../../files.js";
import { parseCommandText, unwrapLink } from "../../parse.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

/** `/train <trigger word> <zip from Slack>`: a LoRA trained on the pictures. */
export const train = slashCommand("train", async (cmd, team, ctx) => {
  const usage = slackUsage("train", cmd.locale ?? "en");
  const { words, values } = parseCommandText(cmd.text, { private: { type: "boolean" } }, usage);
  const [triggerWord, link] = words.split(/\s+/);
  const file = link ? await slackFile(team.client, unwrapLink(link), team.botToken) : undefined;
  if (!triggerWord || !file) throw new CommandInputError((t) => t.giveTriggerAndFile(usage));
  const started = await startTraining(requestFor(ctx, cmd), { triggerWord, file, private: values.private ?? false });
  return queued(started.jobId, values.private ?? false, cmd.locale);
});
