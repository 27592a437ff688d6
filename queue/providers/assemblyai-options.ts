import type { TranscriptParams, TranslationRequest } from "assemblyai";
import { redactPiiPolicies, type ResolvedTranscription } from "../../shared/jobs/transcription-rules.js";
import type { TranscriptionAddOn } from "../../shared/pricing.js";

/** The audio AssemblyAI's redacted copy is made as: its default (redact_pii_audio_quality), and the extension the copy is stored with. */
export const REDACTED_AUDIO_FORMAT = "mp3" as const;

/**
 * A transcription's options as AssemblyAI's POST /v2/transcript parameters, typed by the SDK:
 * the language or its detection, speaker labels with the expected count, Speaker Identification
 * (speech_understanding.speaker_identification with speaker_type "name") for speaker names,
 * keyterms_prompt for the vocabulary, PII redaction of the text (entity_name substitution,
 * so "[PERSON_NAME]" reads as what was there) and of the audio, and Translation
 * (speech_understanding.request.translation, see translationRequest).
 */
export function transcriptionOptions(
  o: ResolvedTranscription,
  languageDetection: boolean | undefined,
): Omit<TranscriptParams, "audio_url" | "speech_models"> {
  return {
    ...(o.language ? { language_code: o.language } : { language_detection: languageDetection ?? true }),
    speaker_labels: o.speakerLabels,
    ...(o.speakersExpected !== undefined ? { speakers_expected: o.speakersExpected } : {}),
    ...(o.speakerNames.length > 0 || o.translateTo
      ? {
          speech_understanding: {
            request: {
              ...(o.speakerNames.length > 0 ? { speaker_identification: { speaker_type: "name", known_values: o.speakerNames } } : {}),
              ...(o.translateTo ? { translation: translationRequest(o.translateTo) } : {}),
            },
          },
        }
      : {}),
    ...(o.vocabulary.length > 0 ? { keyterms_prompt: o.vocabulary } : {}),
    ...(o.redactPii
      ? {
          redact_pii: true,
          redact_pii_policies: [...redactPiiPolicies],
          redact_pii_sub: "entity_name",
          redact_pii_audio: true,
          redact_pii_audio_quality: REDACTED_AUDIO_FORMAT,
        }
      : {}),
  };
}

/**
 * AssemblyAI's Translation request, the same on POST /v2/transcript and on the LLM Gateway's
 * POST /v1/understanding (https://www.assemblyai.com/docs/speech-understanding/translation and
 * https://www.assemblyai.com/docs/api-reference/llm-gateway/create-speech-understanding; the
 * SDK's TranslationRequest): match_original_utterance so each utterance carries its own
 * `translated_texts`, which keeps the original cue times; informal, the documented default.
 */
export function translationRequest(language: string): TranslationRequest {
  return { target_languages: [language], formal: false, match_original_utterance: true };
}

/** The add-ons AssemblyAI bills for the options sent (transcriptionOptions above), in the price table's names. */
export function billedAddOns(o: ResolvedTranscription): TranscriptionAddOn[] {
  return [
    ...(o.speakerNames.length > 0 ? (["speakerIdentification"] as const) : []),
    ...(o.vocabulary.length > 0 ? (["keytermsPrompting"] as const) : []),
    ...(o.redactPii ? (["piiRedaction", "piiAudioRedaction"] as const) : []),
    ...(o.translateTo ? (["translation"] as const) : []),
  ];
}
