/**
 * The add-ons a transcription option brings, billed per hour on top of the speech model
 * (prices in pricing.ts): speaker names, a vocabulary, PII redaction of the text and of the
 * audio, a translation (per target language). Apart, with no imports, so the job schema can
 * name them without a cycle.
 */
export const transcriptionAddOns = [
  "speakerIdentification",
  "keytermsPrompting",
  "piiRedaction",
  "piiAudioRedaction",
  "translation",
] as const;
export type TranscriptionAddOn = (typeof transcriptionAddOns)[number];
