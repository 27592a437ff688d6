import { startTranscription } from "../../../core/actions.js";
import { CommandInputError } from "../../../core/explain.js";
import { transcriptionLimits } from "../../../../shared/jobs/transcription-rules.js";
import { slackUsage } from "../../commands.js";
import { requestFor } from "../../context.js";
import { slackFile } from "../../files.js";
import { parseCommandText, parseInteger, takeQuotedFlag, unwrapLink } from "../../parse.js";
import { queued } from "../../reply.js";
import { slashCommand } from "./slash-command.js";

const options = {
  speakers: { type: "boolean" },
  language: { type: "string" },
  private: { type: "boolean" },
  "speaker-count": { type: "string" },
  "speaker-names": { type: "string" },
  vocabulary: { type: "string" },
  "redact-pii": { type: "boolean" },
  "translate-to": { type: "string" },
  notes: { type: "boolean" },
  "no-notes": { type: "boolean" },
} as const;

/**
 * `/transcribe <link> [options]`: a recording from a link or a Slack file. Lists (speaker names,
 * vocabulary) are comma-separated, quoted when they hold spaces: `--vocabulary "Acme Cloud, Kubernetes"`.
 */
export const transcribe = slashCommand("transcribe", async (cmd, team, ctx) => {
  const usage = slackUsage("transcribe", cmd.locale ?? "en");
  const names = takeQuotedFlag(cmd.text, "speaker-names");
  const vocabulary = takeQuotedFlag(names.text, "vocabulary");
  const { words, values } = parseCommandText(vocabulary.text, options, usage);
  const link = unwrapLink(words);
  if (!link) throw new CommandInputError((t) => t.giveRecordingLink(usage));
  const { min, max } = transcriptionLimits.speakersExpected;
  const speakerCount = parseInteger(values["speaker-count"], "speaker-count", min, max);
  const file = await slackFile(team.client, link, team.botToken);
  const started = await startTranscription(requestFor(ctx, cmd), {
    ...(file ? { file } : { url: link }),
    speakers: values.speakers,
    language: values.language,
    speakerCount,
    speakerNames: names.value ?? values["speaker-names"],
    vocabulary: vocabulary.value ?? values.vocabulary,
    redactPii: values["redact-pii"],
    translateTo: values["translate-to"],
    notes: values["no-notes"] ? false : values.notes,
    private: values.private ?? false,
  });
  return queued(started.jobId, values.private ?? false, cmd.locale);
});
