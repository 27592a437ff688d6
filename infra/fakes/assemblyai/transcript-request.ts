import type { TranscriptLanguageCode, TranscriptParams } from "assemblyai";
import { z } from "zod";
import { languageCodes } from "../../../shared/jobs/language-codes.js";
import { optionError, speechUnderstanding } from "./option-rules.js";

/**
 * The request body of POST /v2/transcript, checked as AssemblyAI checks it. Sources: AssemblyAI's
 * OpenAPI spec (github.com/AssemblyAI/assemblyai-api-spec, openapi.yml: TranscriptParams with
 * `additionalProperties: false`, the Error schema and its example `{"error": "format_text must be
 * a Boolean"}`) and the SDK's generated types (TranscriptParams, TranscriptLanguageCode).
 */

/**
 * Every language_code the API takes: the SDK's TranscriptLanguageCode (from the docs' "Supported
 * languages"), held to the SDK's type by the typechecker in shared/jobs/language-codes.ts.
 */
export const LANGUAGE_CODES = languageCodes;

const bool = z.boolean();
const str = z.string();
const int = z.number().int();
const strings = z.array(z.string());
/** Option objects the worker never sends are checked only for being objects. */
const options = z.record(z.string(), z.unknown());

/**
 * One schema per field of TranscriptParams, with the types and ranges the spec gives. The
 * `satisfies` makes the typechecker refuse a field the SDK lacks and name one it gained.
 */
const transcriptFields = {
  audio_url: str,
  audio_end_at: int,
  audio_start_from: int,
  auto_chapters: bool,
  auto_highlights: bool,
  boost_param: z.enum(["low", "default", "high"]),
  content_safety: bool,
  content_safety_confidence: int.min(25).max(100),
  custom_spelling: z.array(z.object({ from: strings, to: str }).strict()),
  custom_topics: bool,
  disfluencies: bool,
  dual_channel: bool,
  entity_detection: bool,
  filter_profanity: bool,
  format_text: bool,
  iab_categories: bool,
  keyterms_prompt: strings,
  keyterms_prompt_options: options,
  language_code: z.enum(LANGUAGE_CODES as [TranscriptLanguageCode, ...TranscriptLanguageCode[]]).nullable(),
  language_confidence_threshold: z.number().min(0).max(1),
  language_detection: bool,
  language_detection_options: options.nullable(),
  multichannel: bool,
  prompt: str,
  punctuate: bool,
  redact_pii: bool,
  redact_pii_audio: bool,
  redact_pii_audio_quality: z.enum(["mp3", "wav"]),
  redact_pii_policies: strings,
  redact_pii_return_unredacted: bool,
  redact_pii_sub: z.enum(["entity_name", "hash"]).nullable(),
  sentiment_analysis: bool,
  speaker_labels: bool,
  speakers_expected: int.nullable(),
  speaker_options: options.nullable(),
  speech_model: z.enum(["best", "nano", "slam-1", "universal"]).nullable(),
  speech_models: strings.nullable(),
  speech_threshold: z.number().min(0).max(1).nullable(),
  summarization: bool,
  summary_model: z.enum(["informative", "conversational", "catchy"]),
  summary_type: z.enum(["bullets", "bullets_verbose", "gist", "headline", "paragraph"]),
  temperature: z.number().nullable(),
  remove_audio_tags: str.nullable(),
  topics: strings,
  webhook_auth_header_name: str.nullable(),
  webhook_auth_header_value: str.nullable(),
  webhook_url: str,
  word_boost: strings,
  speech_understanding: speechUnderstanding,
  domain: str.nullable(),
} satisfies { [K in keyof Required<TranscriptParams>]: z.ZodType };

// Unknown fields are refused: the spec's TranscriptParams has `additionalProperties: false`.
const transcriptRequest = z.object(transcriptFields).partial().required({ audio_url: true }).strict();
export type TranscriptRequest = z.infer<typeof transcriptRequest>;

/** AssemblyAI's answer to a body that is not its schema (an unknown field, or not a JSON object). */
export const SCHEMA_ERROR = "Invalid endpoint schema, please refer to documentation for examples.";

const typeNames: Record<string, string> = {
  boolean: "a Boolean",
  string: "a String",
  int: "an Integer",
  number: "a Number",
  array: "a List",
  object: "an Object",
  record: "an Object",
};

/** One validation problem as AssemblyAI words it, e.g. `format_text must be a Boolean`. */
function refusal(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return SCHEMA_ERROR;
  const field = issue.path.join(".");
  if (issue.code === "invalid_type") {
    if (issue.path.length === 1 && issue.path[0] === "audio_url" && issue.input === undefined) return "audio_url is required";
    return `${field} must be ${typeNames[issue.expected] ?? issue.expected}`;
  }
  // The API's own words for a language it does not have (the list, comma-separated, and a period).
  if (issue.code === "invalid_value" && field === "language_code") return `language_code must be one of ${LANGUAGE_CODES.join(", ")}.`;
  if (issue.code === "invalid_value") return `${field} must be one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "too_small") return `${field} must be at least ${String(issue.minimum)}`;
  if (issue.code === "too_big") return `${field} must be at most ${String(issue.maximum)}`;
  return `${field} is not valid`;
}

/**
 * The body of POST /v2/transcript checked as the API checks it: the request, or AssemblyAI's
 * error text for a 400. (The docs do not say that language_code with language_detection is
 * refused, so it is not.)
 */
export function checkTranscriptRequest(body: unknown): { ok: true; request: TranscriptRequest } | { ok: false; error: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, error: SCHEMA_ERROR };
  const parsed = transcriptRequest.safeParse(body);
  if (parsed.success) {
    const error = optionError(parsed.data);
    return error === undefined ? { ok: true, request: parsed.data } : { ok: false, error };
  }
  const issues = parsed.error.issues;
  return { ok: false, error: refusal(issues.find((i) => i.code === "unrecognized_keys") ?? (issues[0] as z.core.$ZodIssue)) };
}
