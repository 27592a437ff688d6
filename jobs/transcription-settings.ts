import type { CreateJobInput } from "../shared/jobs/input.js";
import { type SettingsLayer, mergedTerms } from "../shared/jobs/settings.js";
import { takesKeyterms, transcriptionIssues, transcriptionLimits } from "../shared/jobs/transcription-rules.js";
import { JobsError } from "./errors.js";

type Transcription = CreateJobInput & { type: "transcription" };

/**
 * A transcription with its team's settings applied, as the job stores it: the team's (and the
 * channel's) vocabulary after the request's own terms, redaction on where the team asks for it
 * (a request that turns it off is refused rather than quietly overruled), and `notes` resolved,
 * so the worker reads only `notes !== false`. The team's `notes` is a default: a request that
 * says is followed.
 */
export function withTeamTranscription(input: Transcription, s: SettingsLayer, where: string): Transcription {
  if (s.redactPii === true && input.redactPii === false)
    throw new JobsError(
      "BAD_REQUEST",
      `${where} redacts personal data in every transcription: leave redactPii unset or true (an admin can change it with /settings)`,
    );
  const language = input.language ?? input.languageCode;
  // The team's terms where AssemblyAI takes keyterms; a request in another language goes without them.
  const teamTerms = takesKeyterms(language) ? (s.vocabulary ?? []) : [];
  const vocabulary = mergedTerms(input.vocabulary ?? [], teamTerms);
  const { max } = transcriptionLimits.vocabulary;
  if (vocabulary && vocabulary.length > max)
    throw new JobsError(
      "BAD_REQUEST",
      `the request's vocabulary and ${where}'s come to ${vocabulary.length} terms; AssemblyAI's keyterms_prompt takes at most ${max}`,
    );
  const out: Transcription = {
    ...input,
    ...(vocabulary ? { vocabulary } : {}),
    ...(s.redactPii === true ? { redactPii: true } : {}),
    notes: input.notes ?? s.notes ?? true,
  };
  const [issue] = transcriptionIssues(out);
  if (issue) throw new JobsError("BAD_REQUEST", `${issue.path}: ${issue.message} (${where}'s settings apply)`);
  return out;
}
