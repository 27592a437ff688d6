import { ObjectId } from "mongodb";
import { z } from "zod";
import { chatDelivery } from "../../chat/delivery.js";
import { speakerNamesField } from "../../jobs/speaker-names.js";
import { transcriptionAddOns } from "../../transcription-add-ons.js";
import { unwrapNestedArrays } from "./nested-arrays.js";

/**
 * The `jobs` document, compatible with the documents existing callers already have:
 * fields the seed did not have (workspaceId, visibility, progress, …) are optional when
 * read, and every new document is written with all of them.
 */

export const jobTypes = ["lora-training", "image-generation", "transcription", "video-generation"] as const;
export const jobType = z.enum(jobTypes);
export type JobType = z.infer<typeof jobType>;

export const jobStatuses = ["queued", "running", "completed", "failed", "canceled"] as const;
export const jobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof jobStatus>;

export const finalStatuses: readonly JobStatus[] = ["completed", "failed", "canceled"];

export const visibility = z.enum(["workspace", "private"]);
export type Visibility = z.infer<typeof visibility>;

export const loraVersion = z.object({
  version: z.number().int().positive(),
  modelUrl: z.string(),
  s3Key: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  configKey: z.string().optional(),
  trainingRuns: z.number().int().positive().optional(),
  createdAt: z.date().optional(),
});
export type LoraVersion = z.infer<typeof loraVersion>;

export const generatedImage = z.object({
  url: z.string(),
  s3Key: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  sizeBytes: z.number().int().nonnegative(),
  contentType: z.string().optional(),
  nsfw: z.boolean().optional(),
});
export type GeneratedImage = z.infer<typeof generatedImage>;

export const imageVersion = z.object({
  version: z.number().int().positive().optional(),
  images: z.array(generatedImage),
  /** A decimal string (seeds pass 2^53); documents written before hold a number. */
  seed: z.union([z.string().regex(/^\d+$/), z.number().int()]).optional(),
  /** The fal endpoint that made the pictures: their price, and the model a result names; absent in versions written before. */
  endpoint: z.string().optional(),
  createdAt: z.date().optional(),
});
export type ImageVersion = z.infer<typeof imageVersion>;

/**
 * A translation of a transcript: its three files, and for one added to the finished job
 * (jobs.translate) its bytes and that it was billed on its own; one asked for at create is
 * counted in the version's sizeBytes and billed with its add-ons.
 */
const translatedFiles = z.object({
  text: z.string(),
  srt: z.string(),
  vtt: z.string(),
  sizeBytes: z.number().int().nonnegative().optional(),
  addedLater: z.boolean().optional(),
});

export const transcriptVersion = z.object({
  version: z.number().int().positive(),
  transcriptUrl: z.string(),
  textUrl: z.string(),
  wordCount: z.number().int().nonnegative(),
  duration: z.number().nonnegative(),
  /** What the transcript was billed for (shared/pricing.ts): the model that ran, and speaker labels; absent in versions written before. */
  speechModel: z.string().optional(),
  withSpeakerLabels: z.boolean().optional(),
  /** The option add-ons it was billed for (shared/pricing.ts transcriptionAddOns); absent in versions written before. */
  addOns: z.array(z.enum(transcriptionAddOns)).optional(),
  /** Bytes of all the transcript files together. */
  sizeBytes: z.number().int().nonnegative().optional(),
  s3Keys: z
    .object({
      json: z.string(),
      text: z.string(),
      srt: z.string().optional(),
      vtt: z.string().optional(),
      redactedAudio: z.string().optional(),
      /** Per language: the translated transcript's files (transcript.<lang>.txt, .srt, .vtt). */
      translations: z.record(z.string(), translatedFiles).optional(),
    })
    .optional(),
  /** Whether the text (and the audio copy) had PII redacted; absent in versions written before. */
  redactedPii: z.boolean().optional(),
  /** The transcript's first words (transcriptExcerpt), what a gallery tile is titled by; absent in versions written before. */
  excerpt: z.string().optional(),
  createdAt: z.date().optional(),
});
export type TranscriptVersion = z.infer<typeof transcriptVersion>;
export type TranslatedFiles = z.infer<typeof translatedFiles>;

/** A describe's result: prompts that would make its picture, the aspect ratio the model saw, and what the request cost. */
export const promptsVersion = z.object({
  version: z.number().int().positive(),
  prompts: z.array(z.string()),
  aspectRatio: z.string().optional(),
  /** The provider's charge for the request, as its answer gave it (usage.cost). */
  costUsd: z.number().nonnegative(),
  endpoint: z.string().optional(),
  createdAt: z.date().optional(),
});
export type PromptsVersion = z.infer<typeof promptsVersion>;

/**
 * A clip: the MP4 as stored, what ffprobe read of it, its poster (a WebP of frame 0, as picture
 * thumbnails are) and a short looping preview, and what the provider billed it for.
 */
export const videoVersion = z.object({
  version: z.number().int().positive(),
  video: z.object({
    s3Key: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    contentType: z.string(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Seconds, as ffprobe reads the container. */
    duration: z.number().positive(),
    codec: z.string(),
  }),
  posterKey: z.string().optional(),
  previewKey: z.string().optional(),
  /** The fal endpoint that made the clip, and the seconds it billed (the duration asked for). */
  endpoint: z.string(),
  billedSeconds: z.number().positive(),
  /** Hailuo's resolution ("512P", "768P"): its price per second depends on it. */
  resolution: z.string().optional(),
  createdAt: z.date().optional(),
});
export type VideoVersion = z.infer<typeof videoVersion>;

export const jobVersion = z.union([loraVersion, imageVersion, transcriptVersion, promptsVersion, videoVersion]);
export type JobVersion = z.infer<typeof jobVersion>;

export const providerRef = z.object({
  name: z.string(),
  requestId: z.string().nullable().optional(),
  queuePosition: z.number().int().nonnegative().nullable().optional(),
  /** Set once, by the worker, when it sees the provider's verified webhook saying it finished. */
  webhook: z.object({ status: z.string(), receivedAt: z.date() }).optional(),
  /** For training: the model version this provider request produces. */
  version: z.number().int().positive().optional(),
  /** The provider endpoint the request went to (a fal endpoint id): a resumed run asks the same one, whatever the config says now. */
  endpoint: z.string().optional(),
  logs: z.array(z.string()).optional(),
  /**
   * Written just before a submission, so a retry after a crash between the provider's answer and
   * the stored request id can find that request instead of paying for a second one. The nonce is
   * in the webhook URL; the hash is of the audio URL an AssemblyAI transcript was asked for.
   */
  submission: z.object({ nonce: z.string(), at: z.date(), audioUrlSha256: z.string().optional() }).optional(),
});
export type ProviderRef = z.infer<typeof providerRef>;

export const jobError = z.object({
  message: z.string(),
  code: z.string().optional(),
  retryable: z.boolean().optional(),
});
export type JobError = z.infer<typeof jobError>;

export const jobDocument = z.object({
  /** New documents use the jobId; older ones may carry an ObjectId. Lookups go by jobId. */
  _id: z.custom<string | ObjectId>((v) => typeof v === "string" || v instanceof ObjectId),
  jobId: z.string(),
  type: jobType,
  status: jobStatus,
  userId: z.string(),
  workspaceId: z.string().optional(),
  visibility: visibility.optional(),
  /** Stored with arrays inside arrays wrapped (nested-arrays.ts); read as it was given. */
  input: z
    .record(z.string(), z.unknown())
    .transform((v) => unwrapNestedArrays(v) as Record<string, unknown>)
    .optional(),
  progress: z.number().min(0).max(100).nullable().optional(),
  provider: providerRef.nullable().optional(),
  error: z.union([jobError, z.string()]).nullable().optional(),
  versions: z.array(jobVersion).default([]),
  /**
   * The versions' files, bytes and provider cost, added with each version (versionUsage), so
   * usage figures are sums the store computes. Absent on documents written before it was kept.
   */
  usage: z.object({ files: z.number(), bytes: z.number(), costUsd: z.number() }).optional(),
  /**
   * A transcription's meeting notes (shared/meeting): the newest revision asked of the LLM Gateway,
   * announced before the call; `md` and `json` are its stored files, unset while it is under way.
   */
  notes: z
    .object({
      revision: z.number().int().positive(),
      requestedAt: z.date(),
      promptVersion: z.string(),
      model: z.string(),
      md: z.string().optional(),
      json: z.string().optional(),
      /** Per language: this revision's translation (translateTo, jobs.translate), announced before the gateway is asked. */
      translations: z
        .record(
          z.string(),
          z.object({ requestedAt: z.date(), promptVersion: z.string(), md: z.string().optional(), json: z.string().optional() }),
        )
        .optional(),
    })
    .optional(),
  /** Lower-cased words of prompt, trigger word, file names and transcript text, for indexed search. */
  searchTerms: z.array(z.string()).optional(),
  idempotencyKey: z.string().optional(),
  /** The API request (or chat command) that created the job: logs of every process carry it. */
  requestId: z.string().max(64).optional(),
  /** Set for jobs started from chat: where progress and the result are posted. */
  delivery: chatDelivery.optional(),
  /** An upscale, variation, edit or animate of one picture: the job it came from, and the picture's number there; an extend: the clip's job and the clip's number. */
  parentJobId: z.string().optional(),
  parentImage: z.number().int().positive().optional(),
  /** The prompt of the generation its source picture came from (through upscales, variations and edits): what a variation draws and a reply describes. */
  sourcePrompt: z.string().optional(),
  /** A blend or a generation with references: the pictures of our jobs it was made from (its uploads are in its input). */
  sources: z.array(z.object({ jobId: z.string(), image: z.number().int().positive() })).optional(),
  /**
   * How many live jobs were made from this job's pictures: jobs that name it as `parentJobId` or
   * in `sources` (once each). A new child adds one, deleting or withdrawing a child takes one
   * (JobsRepository.countUse); the gallery's "most used" order. Absent on documents written before.
   */
  uses: z.number().int().optional(),
  /** A finished transcription's speakers as the team renamed them (jobs.renameSpeakers); its files are rendered with them when read. */
  speakerNames: speakerNamesField.optional(),
  deletedAt: z.date().nullable().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
  startedAt: z.date().nullable().optional(),
  finishedAt: z.date().nullable().optional(),
});
export type JobDocument = z.infer<typeof jobDocument>;
