import { CommandInputError } from "../../../core/explain.js";
import { prepareDescribe } from "../../../core/image-commands.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { parseCommandText, withoutLinkLabels } from "../../parse.js";
import { pictureOfLink } from "../../pictures.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

/** `/describe <link>`: four prompts that would make a picture shared in Slack, or one at a link. */
export const describe = slashCommand("describe", async (cmd, team, ctx) => {
  const usage = slackUsage("describe", cmd.locale ?? "en");
  const { words, values } = parseCommandText(withoutLinkLabels(cmd.text), { private: { type: "boolean" } }, usage);
  if (!words) throw new CommandInputError((t) => t.giveImage(usage));
  const picture = await pictureOfLink(team.client, words, team.botToken);
  const isPrivate = values.private ?? false;
  const started = await prepareDescribe(ctx.files, { picture, private: isPrivate })(requestFor(ctx, cmd));
  return queued(started.jobId, isPrivate, cmd.locale);
});
