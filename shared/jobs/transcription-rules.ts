/**
 * What a transcription's options take and refuse, checked by transcriptionParams (input.ts, where
 * the fields are described) so that every surface answers the same refusal, and how the options
 * and their older aliases resolve into what AssemblyAI is sent. Sources: AssemblyAI's docs pages
 * "Keyterms Prompting", "Models" (Universal-3 Pro: up to 1,000 keyterms, 6 languages;
 * Universal-2: up to 200 keyterms), "Speaker Diarization" (speakers_expected), "Speaker
 * Identification", "PII Redaction" (policies, entity_name substitution, redacted audio), and the
 * SDK's types (PiiPolicy, SpeakerIdentificationRequest).
 */

export const transcriptionLimits = {
  /** speakers_expected, as the diarization docs bound it. */
  speakersExpected: { min: 1, max: 10 },
  /** Names for Speaker Identification: one per expected speaker at most. */
  speakerNames: { max: 10, length: 100 },
  /**
   * keyterms_prompt: Universal-2 takes 200 terms (Universal-3 Pro 1,000); the deployment's
   * speech_models falls back to Universal-2, so 200 is the bound that holds on either. Each term
   * has at most 6 words (documented); the 100 characters are this service's own bound.
   */
  vocabulary: { max: 200, words: 6, length: 100 },
} as const;

/**
 * The PII AssemblyAI is asked to redact when `redactPii` is on: people's names and the ways to
 * reach or bill them. Each is one of the SDK's PiiPolicy values.
 */
export const redactPiiPolicies = [
  "person_name",
  "phone_number",
  "email_address",
  "credit_card_number",
  "credit_card_cvv",
  "credit_card_expiration",
  "us_social_security_number",
  "banking_information",
  "account_number",
  "date_of_birth",
  "passport_number",
  "drivers_license",
] as const;

/**
 * The languages of Universal-3 Pro, which takes keyterms_prompt in all of them ("Models":
 * en, es, de, fr, pt, it); a vocabulary with another language is refused rather than sent to a
 * model that would not use it.
 */
const keytermLanguages = new Set(["en", "en_us", "en_uk", "en_au", "es", "de", "fr", "pt", "it"]);

/** Whether AssemblyAI takes keyterms in this language (unset: detected, which it does). */
export const takesKeyterms = (language: string | undefined) => language === undefined || keytermLanguages.has(language);

/**
 * The languages PII Redaction supports in AssemblyAI's "Supported languages & features" table,
 * as far as it was read: the widely supported ones. Another language is refused at create.
 */
const piiLanguages = new Set([...keytermLanguages, "nl", "hi", "ja", "zh", "fi", "ko", "pl", "ru", "tr", "uk", "vi"]);

/** The transcription options as the schema reads them (aliases included). */
export interface TranscriptionOptions {
  language?: string | undefined;
  languageCode?: string | undefined;
  languageDetection?: boolean | undefined;
  speakerLabels?: boolean | undefined;
  speakersExpected?: number | undefined;
  speakerNames?: string[] | undefined;
  vocabulary?: string[] | undefined;
  redactPii?: boolean | undefined;
  translateTo?: string | undefined;
}

/** What the options come to: the language (unset: detected), whether speakers are told apart, and the rest as given. */
export interface ResolvedTranscription {
  language: string | undefined;
  speakerLabels: boolean;
  speakersExpected: number | undefined;
  speakerNames: string[];
  vocabulary: string[];
  redactPii: boolean;
  /** The language the transcript is translated into; its cues keep the speakers' turns, so speakers are told apart. */
  translateTo: string | undefined;
}

/**
 * `language` is the name to use; `languageCode` is its older alias, and a language given wins
 * over `languageDetection` (as it always has). Expected speakers or speaker names tell the
 * speakers apart without `speakerLabels`, which stays for callers that only want them apart.
 */
export function resolveTranscription(v: TranscriptionOptions): ResolvedTranscription {
  const language = v.language ?? v.languageCode;
  return {
    language,
    speakerLabels:
      v.speakerLabels === true || v.speakersExpected !== undefined || (v.speakerNames?.length ?? 0) > 0 || v.translateTo !== undefined,
    speakersExpected: v.speakersExpected,
    speakerNames: v.speakerNames ?? [],
    vocabulary: v.vocabulary ?? [],
    redactPii: v.redactPii === true,
    translateTo: v.translateTo,
  };
}

/** Each option that does not go with the others, with why; empty when they all do. */
export function transcriptionIssues(v: TranscriptionOptions): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (v.language !== undefined && v.languageCode !== undefined && v.language !== v.languageCode)
    issues.push({ path: "language", message: "give language or its older name languageCode, not two different languages" });
  const language = v.language ?? v.languageCode;
  const labelled = v.speakersExpected !== undefined || (v.speakerNames?.length ?? 0) > 0;
  if (labelled && v.speakerLabels === false)
    issues.push({
      path: "speakerLabels",
      message: "speakersExpected and speakerNames need the speakers told apart: leave speakerLabels unset or true",
    });
  // AssemblyAI translates each utterance (a speaker's turn) only with speaker labels
  // ("Translation": per-speaker translated utterances), and the cues' timings come from those.
  if (v.translateTo !== undefined && v.speakerLabels === false)
    issues.push({
      path: "translateTo",
      message: "a translation keeps each speaker's turn and its times: leave speakerLabels unset or true",
    });
  if (v.translateTo !== undefined && language !== undefined && v.translateTo === language)
    issues.push({ path: "translateTo", message: `the recording is in ${language} already` });
  if (v.speakerNames && v.speakersExpected !== undefined && v.speakerNames.length > v.speakersExpected)
    issues.push({ path: "speakerNames", message: `${v.speakerNames.length} names for ${v.speakersExpected} expected speakers` });
  if (v.speakerNames && new Set(v.speakerNames.map((n) => n.toLowerCase())).size !== v.speakerNames.length)
    issues.push({ path: "speakerNames", message: "each speaker's name once" });
  if (v.vocabulary?.length && language !== undefined && !keytermLanguages.has(language))
    issues.push({
      path: "vocabulary",
      message: `AssemblyAI's keyterms prompting takes ${[...keytermLanguages].join(", ")}; not ${language}`,
    });
  if (v.redactPii && language !== undefined && !piiLanguages.has(language))
    issues.push({ path: "redactPii", message: `AssemblyAI's PII redaction takes ${[...piiLanguages].join(", ")}; not ${language}` });
  return issues;
}
