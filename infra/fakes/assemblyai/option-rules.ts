import type { PiiPolicy } from "assemblyai";
import { z } from "zod";
import { translationError, translationRequest } from "./translation.js";

/**
 * The transcript options the emulator checks beyond their types, as AssemblyAI documents them:
 * "Keyterms Prompting" (up to 1,000 terms on Universal-3 Pro and Slam-1, 200 on Universal-2, at
 * most 6 words a term; not with `prompt`), "Speaker Diarization" (speakers_expected up to 10), "Speaker Identification" (with speaker_labels; `role` needs
 * known_values), "Translation" (translation.ts), "PII Redaction" (redact_pii_policies required, from the PII policies list;
 * redacted audio with redact_pii). The answer is AssemblyAI's 400 shape, `{"error": "..."}`.
 */

/** Every PII policy of the SDK's PiiPolicy; the check below makes the typechecker name one the SDK gains. */
export const PII_POLICIES = [
  "account_number",
  "banking_information",
  "blood_type",
  "credit_card_cvv",
  "credit_card_expiration",
  "credit_card_number",
  "date",
  "date_interval",
  "date_of_birth",
  "drivers_license",
  "drug",
  "duration",
  "email_address",
  "event",
  "filename",
  "gender_sexuality",
  "healthcare_number",
  "injury",
  "ip_address",
  "language",
  "location",
  "marital_status",
  "medical_condition",
  "medical_process",
  "money_amount",
  "nationality",
  "number_sequence",
  "occupation",
  "organization",
  "passport_number",
  "password",
  "person_age",
  "person_name",
  "phone_number",
  "physical_attribute",
  "political_affiliation",
  "religion",
  "statistics",
  "time",
  "url",
  "us_social_security_number",
  "username",
  "vehicle_id",
  "zodiac_sign",
] as const satisfies readonly PiiPolicy[];
type MissingPolicy = Exclude<PiiPolicy, (typeof PII_POLICIES)[number]>;
const allPolicies: MissingPolicy extends never ? true : false = true;
void allPolicies;

/** speech_understanding as the SDK's SpeechUnderstandingRequest types it (speaker identification the part checked closely). */
export const speechUnderstanding = z
  .object({
    request: z
      .object({
        speaker_identification: z
          .object({
            speaker_type: z.enum(["role", "name"]),
            known_values: z.array(z.string()).optional(),
            effort: z.enum(["low", "medium"]).optional(),
          })
          .strict()
          .optional(),
        translation: translationRequest.optional(),
        custom_formatting: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The fields the combinations look at. */
interface Checked {
  speech_models?: string[] | null | undefined;
  speech_model?: string | null | undefined;
  prompt?: string | undefined;
  keyterms_prompt?: string[] | undefined;
  speaker_labels?: boolean | undefined;
  speakers_expected?: number | null | undefined;
  redact_pii?: boolean | undefined;
  redact_pii_audio?: boolean | undefined;
  redact_pii_policies?: string[] | undefined;
  speech_understanding?: z.infer<typeof speechUnderstanding> | undefined;
}

/** The most keyterms the request's models all take: 200 once Universal-2 may run, else 1,000. */
function keytermLimit(r: Checked): number {
  const models = r.speech_models ?? (r.speech_model ? [r.speech_model] : ["universal-3-pro", "universal-2"]);
  return models.some((m) => m === "universal-2" || m === "universal" || m === "best" || m === "nano") ? 200 : 1000;
}

/** The first combination AssemblyAI refuses, in its words as near as the docs give them; undefined when none. */
export function optionError(r: Checked): string | undefined {
  const keyterms = r.keyterms_prompt;
  if (keyterms && keyterms.length > 0) {
    if (r.prompt !== undefined) return "keyterms_prompt cannot be used together with prompt";
    const limit = keytermLimit(r);
    if (keyterms.length > limit) return `keyterms_prompt must have at most ${limit} items for the selected speech models`;
    const long = keyterms.find((t) => t.trim().split(/\s+/).length > 6);
    if (long !== undefined) return `keyterms_prompt items must be at most 6 words: "${long.slice(0, 60)}"`;
    if (keyterms.some((t) => t.trim() === "")) return "keyterms_prompt items must not be empty";
  }
  if (r.speakers_expected !== undefined && r.speakers_expected !== null) {
    // Without speaker_labels it is taken and has no effect: the docs name no refusal for it.
    if (r.speakers_expected < 1 || r.speakers_expected > 10) return "speakers_expected must be between 1 and 10";
  }
  const identification = r.speech_understanding?.request?.speaker_identification;
  if (identification) {
    if (!r.speaker_labels) return "speaker_identification requires speaker_labels to be enabled";
    if (identification.speaker_type === "role" && !identification.known_values?.length)
      return "known_values is required when speaker_type is 'role'";
  }
  const translation = r.speech_understanding?.request?.translation;
  if (translation) {
    const error = translationError(translation);
    if (error) return error;
  }
  if (r.redact_pii) {
    if (!r.redact_pii_policies?.length) return "redact_pii_policies must be provided when redact_pii is enabled";
    const unknown = r.redact_pii_policies.find((p) => !(PII_POLICIES as readonly string[]).includes(p));
    if (unknown !== undefined) return `redact_pii_policies must be one of ${PII_POLICIES.join(", ")}`;
  }
  if (r.redact_pii_audio && !r.redact_pii) return "redact_pii_audio requires redact_pii to be enabled";
  return undefined;
}
