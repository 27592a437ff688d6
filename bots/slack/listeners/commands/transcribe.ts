import { startTranscription } from "../../../core/actions.js";
import { CommandInputError } from "../../../core/explain.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { slackFile } from "../../files.js";
import { parseCommandText, unwrapLink } from "../../parse.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

/** `/transcribe <link>`: a recording from a link or a Slack file. */
export const transcribe = slashCommand("transcribe", async (cmd, team, ctx) => {
  const usage = slackUsage("transcribe", cmd.locale ?? "en");
  const { words, values } = parseCommandText(
    cmd.text,
    { speakers: { type: "boolean" }, language: { type: "string" }, private: { type: "boolean" } },
    usage,
  );
  const link = unwrapLink(words);
  if (!link) throw new CommandInputError((t) => t.giveRecordingLink(usage));
  const file = await slackFile(team.client, link, team.botToken);
  const started = await startTranscription(requestFor(ctx, cmd), {
    ...(file ? { file } : { url: link }),
    speakers: values.speakers,
    language: values.language,
    private: values.private ?? false,
  });
  return queued(started.jobId, values.private ?? false, cmd.locale);
});
