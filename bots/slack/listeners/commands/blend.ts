import { CommandInputError } from "../../../core/explain.js";
import { type ChatPicture, checkBlend, prepareBlend } from "../../../core/image-commands.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { parseCommandText, takeQuotedFlag, withoutLinkLabels } from "../../parse.js";
import { isLinkWord, pictureOfLink } from "../../pictures.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

/**
 * `/blend <link> <link> […] [--prompt "…"] [--aspect 16:9]`: the pictures blended into one. Words
 * that are not links are the prompt, as `--prompt` gives it; a count the API refuses is refused
 * before any file is looked up.
 */
export const blend = slashCommand("blend", async (cmd, team, ctx) => {
  const usage = slackUsage("blend", cmd.locale ?? "en");
  const quoted = takeQuotedFlag(withoutLinkLabels(cmd.text), "prompt");
  const { words, values } = parseCommandText(
    quoted.text,
    { prompt: { type: "string" }, aspect: { type: "string" }, private: { type: "boolean" } },
    usage,
  );
  const all = words.split(" ").filter(Boolean);
  const links = all.filter(isLinkWord);
  const loose = all.filter((w) => !isLinkWord(w)).join(" ");
  const flagged = quoted.value ?? values.prompt;
  if (flagged !== undefined && loose) throw new CommandInputError((t) => t.promptTwice(usage));
  const asked = { prompt: flagged ?? loose, aspectRatio: values.aspect, private: values.private ?? false };
  // The count and options first: a blend the API refuses reads no file.
  checkBlend({ ...asked, count: links.length });
  const pictures: ChatPicture[] = [];
  for (const link of links) pictures.push(await pictureOfLink(team.client, link, team.botToken));
  const started = await prepareBlend(ctx.files, { ...asked, pictures })(requestFor(ctx, cmd));
  return queued(started.jobId, values.private ?? false, cmd.locale);
});
