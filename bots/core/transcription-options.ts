import type { CreateJobInputRaw } from "../../shared/jobs/input.js";

/** A transcription's options as a chat command takes them: lists as one comma-separated text, each option unset unless given. */
export interface TranscriptionChoices {
  /** Tell the speakers apart; unset, one speaker unless a count or names are given. */
  speakers?: boolean | undefined;
  language?: string | undefined;
  speakerCount?: number | undefined;
  speakerNames?: string | undefined;
  vocabulary?: string | undefined;
  redactPii?: boolean | undefined;
  translateTo?: string | undefined;
  notes?: boolean | undefined;
}

/** "Alice, Bob" → ["Alice", "Bob"]: a list typed in one chat option. */
export const listOf = (text: string | undefined): string[] | undefined => {
  const items = (text ?? "")
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
};

type TranscriptionFields = Omit<Extract<CreateJobInputRaw, { type: "transcription" }>, "type" | "audioUrl" | "uploadKey">;

/**
 * The job input fields the choices fill, only those given: the API checks them (and answers a
 * clear refusal), and an option left out leaves the team's setting or the API's default.
 * `speakers` off is not sent as `speakerLabels: false`, which a count or names would contradict.
 */
export function transcriptionFields(c: TranscriptionChoices): TranscriptionFields {
  const speakerNames = listOf(c.speakerNames);
  const vocabulary = listOf(c.vocabulary);
  return {
    ...(c.speakers ? { speakerLabels: true } : {}),
    ...(c.language?.trim() ? { language: c.language.trim().toLowerCase() } : {}),
    ...(c.speakerCount !== undefined ? { speakersExpected: c.speakerCount } : {}),
    ...(speakerNames ? { speakerNames } : {}),
    ...(vocabulary ? { vocabulary } : {}),
    ...(c.redactPii !== undefined ? { redactPii: c.redactPii } : {}),
    ...(c.translateTo?.trim() ? { translateTo: c.translateTo.trim().toLowerCase() } : {}),
    ...(c.notes !== undefined ? { notes: c.notes } : {}),
  };
}
