import { z } from "zod";
import { fields } from "./input.js";
import { transcriptionLimits } from "./transcription-rules.js";

/* The inputs of the procedures on a finished transcription: translate it, name its speakers, ask it. */

/** `jobs.translate`: a finished transcription translated into one more language, as files beside the original. */
export const translateJobInput = z.strictObject({
  jobId: fields.jobId,
  language: fields.translationLanguage,
});
export type TranslateJobInput = z.infer<typeof translateJobInput>;
/** `jobs.renameSpeakers`: a finished transcription's speakers by their label in it ("A", or a name it gave), each to a name, or null to take the name back. */
export const renameSpeakersInput = z.strictObject({
  jobId: fields.jobId,
  names: z
    .record(
      z.string().trim().min(1).max(transcriptionLimits.speakerNames.length),
      z.string().trim().min(1, "a name must not be empty").max(transcriptionLimits.speakerNames.length).nullable(),
    )
    .refine((n) => Object.keys(n).length > 0, "name at least one speaker")
    .refine((n) => Object.keys(n).length <= 26, "at most 26 speakers"),
});
export type RenameSpeakersInput = z.infer<typeof renameSpeakersInput>;

/** `jobs.ask`: a question about one finished transcription, answered from its transcript. */
export const askJobInput = z.strictObject({
  jobId: fields.jobId,
  question: z.string().trim().min(3, "ask a question of at least 3 characters").max(500, "a question may be at most 500 characters"),
});
export type AskJobInput = z.infer<typeof askJobInput>;
