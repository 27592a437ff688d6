import { z } from "zod";
import { jobError, jobStatus, jobType, visibility } from "../../shared/db/mongo/job-schema.js";
import { fields } from "../../shared/jobs/input.js";
import type { AppRouter } from "../trpc/router.js";
import type { inferRouterOutputs } from "@trpc/server";

/**
 * What the REST routes and the documented tRPC procedures answer, as zod schemas: the OpenAPI document is written from them, and
 * the checks at the end of this file make the typechecker refuse any schema that stops
 * describing what the procedures return. Objects are loose: a field added later is no break.
 */
const time = z.iso.datetime().describe("ISO 8601 time, UTC");
const assetKind = z.enum(["loras", "images", "transcripts", "videos"]);
const shortLink = z.string().describe("A signed short link (/d/…) that redirects to a fresh presigned URL of the file");

export const errorBody = z.object({
  error: z.looseObject({
    code: z.string().describe("The tRPC error code, e.g. BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, TOO_MANY_REQUESTS"),
    message: z.string().describe("What went wrong, naming the offending field for bad input"),
  }),
});

const jobFile = z.looseObject({
  fileName: z.string(),
  version: z.number().int(),
  kind: assetKind,
  contentType: z.string(),
  sizeBytes: z.number().int().nullable(),
  url: shortLink,
});

export const jobSchema = z.looseObject({
  jobId: z.string(),
  type: jobType,
  status: jobStatus,
  userId: z.string(),
  workspaceId: z.string().nullable(),
  visibility,
  input: z.record(z.string(), z.unknown()).describe("The job's input as jobs.create took it"),
  parent: z
    .looseObject({ jobId: z.string(), image: z.number().int(), prompt: z.string().nullable() })
    .nullable()
    .describe("An upscale, variation or edit: the job and picture it was made from"),
  progress: z.number().nullable().describe("0–100 while running"),
  costUsd: z.number().nullable(),
  provider: z.looseObject({ name: z.string(), queuePosition: z.number().int().nullable(), logs: z.array(z.string()) }).nullable(),
  error: jobError.nullable(),
  versions: z
    .array(z.looseObject({ version: z.number().int(), createdAt: time.optional() }))
    .describe("The job's versions: its images, LoRA model or transcript per version, with short links for URLs"),
  files: z.array(jobFile),
  createdAt: time,
  updatedAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
});

export const assetSchema = z.looseObject({
  jobId: z.string(),
  userId: z.string(),
  kind: assetKind,
  version: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  wordCount: z.number().int().nullable(),
  duration: z.number().nullable(),
  prompt: fields.prompt.nullable(),
  createdAt: time,
  url: shortLink,
});

const nextCursor = z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page");

export const assetListBody = z.looseObject({ type: assetKind, count: z.number().int(), assets: z.array(assetSchema), nextCursor });

export const searchBody = z.looseObject({ query: z.string(), count: z.number().int(), results: z.array(jobSchema), nextCursor });

const kindStats = z.looseObject({
  jobs: z.number().int(),
  completed: z.number().int(),
  files: z.number().int(),
  bytes: z.number().int(),
  providerCostUsd: z.number(),
});

export const statsBody = z.looseObject({
  scope: z.union([z.looseObject({ userId: z.string() }), z.looseObject({ workspace: z.string() })]),
  byType: z.object({ images: kindStats, loras: kindStats, transcripts: kindStats, videos: kindStats }),
  totals: z.looseObject({
    jobs: z.number().int(),
    files: z.number().int(),
    bytes: z.number().int(),
    providerCostUsd: z.number(),
    storageCostUsdPerMonth: z.number(),
  }),
  prices: z.record(z.string(), z.unknown()).describe("The provider prices the costs were estimated with"),
});

export const downloadBody = z.object({ url: z.string().describe("A presigned GET of the file"), expiresAt: time });

/** What the tRPC procedures answer over HTTP: `{"result":{"data":…}}`, or this. */
export const trpcErrorBody = z.object({
  error: z.looseObject({
    message: z.string().describe("What went wrong, naming the offending field for bad input"),
    code: z.number().int().describe("The JSON-RPC 2.0 error number, e.g. -32600 for BAD_REQUEST"),
    data: z.looseObject({
      code: z.string().describe("The tRPC error code, e.g. BAD_REQUEST, UNAUTHORIZED, NOT_FOUND, TOO_MANY_REQUESTS"),
      httpStatus: z.number().int(),
      path: z.string().optional().describe("The procedure, e.g. jobs.create"),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe("Bad input: the messages by field"),
      retryAfterSeconds: z.number().optional().describe("When to try again (429, 503), as the Retry-After header says"),
    }),
  }),
});

export const jobStarted = z.looseObject({
  jobId: z.string(),
  status: z.string().describe("queued, running, completed, failed or canceled"),
});
export const translationQueued = z.looseObject({ jobId: z.string(), language: z.string(), queued: z.literal(true) });
export const jobDeleted = z.looseObject({ jobId: z.string(), deleted: z.boolean(), objectsRemoved: z.number().int() });
export const jobPage = z.looseObject({ items: z.array(jobSchema), nextCursor });
export const assetPage = z.looseObject({ items: z.array(assetSchema), nextCursor });
export const searchPage = z.looseObject({ query: z.string(), items: z.array(jobSchema), nextCursor });
const meetingHit = z.looseObject({
  jobId: z.string(),
  fileName: z.string().describe("The recording's file name, or notes.md for a hit in the meeting's notes"),
  source: z.string().describe("transcript, or notes for a hit in the meeting's notes"),
  speaker: z.string().nullable().describe('AssemblyAI\'s label ("A"), null without speaker labels'),
  speakerName: z.string().nullable().describe("The name the team gave that speaker (jobs.renameSpeakers), null when unnamed"),
  start: z.number().int().describe("Milliseconds from the start of the recording"),
  end: z.number().int(),
  quote: z.string().describe("The passage, cut around its first match when long"),
  matches: z.array(z.object({ start: z.number().int(), end: z.number().int() })).describe("The query's words and phrases in `quote`"),
  link: z.string().describe("The gallery's page of the meeting, its audio from this moment (#t=seconds)"),
});
export const meetingHits = z.looseObject({
  query: z.string(),
  terms: z.array(z.string()),
  phrases: z.array(z.string()),
  hits: z.array(meetingHit),
  nextCursor,
});
const uploadKeyOut = z.string().describe("What jobs.create takes (uploadKey, imageKeys, imagesZipKey, videoKey)");
export const uploadUrlBody = z.looseObject({
  uploadKey: uploadKeyOut,
  url: z.string().describe("A presigned PUT: send the file's bytes there, with these headers"),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expiresAt: time,
});
export const expiringUrl = z.looseObject({ url: z.string(), expiresAt: time });

type Outputs = inferRouterOutputs<AppRouter>;
/** Compiles only when every answer of the procedure is one the schema accepts. */
type Describes<Schema extends z.ZodType, Output extends z.input<Schema>> = Output;
export type SchemasDescribeTheProcedures = [
  Describes<typeof jobSchema, Outputs["jobs"]["get"]>,
  Describes<typeof assetSchema, Outputs["assets"]["list"]["items"][number]>,
  Describes<typeof jobSchema, Outputs["assets"]["search"]["items"][number]>,
  Describes<typeof statsBody, Outputs["assets"]["stats"]>,
  Describes<typeof downloadBody, Pick<Outputs["assets"]["downloadUrl"], "url" | "expiresAt">>,
  Describes<typeof jobStarted, Outputs["jobs"]["create"]>,
  Describes<typeof jobStarted, Outputs["jobs"]["cancel"]>,
  Describes<typeof jobStarted, Outputs["jobs"]["rerun"]>,
  Describes<typeof jobStarted, Outputs["jobs"]["retrain"]>,
  Describes<typeof jobDeleted, Outputs["jobs"]["delete"]>,
  Describes<typeof translationQueued, Outputs["jobs"]["translate"]>,
  Describes<typeof jobSchema, Outputs["jobs"]["share"]>,
  Describes<typeof jobPage, Outputs["jobs"]["list"]>,
  Describes<typeof assetPage, Outputs["assets"]["list"]>,
  Describes<typeof searchPage, Outputs["assets"]["search"]>,
  Describes<typeof meetingHits, Outputs["transcripts"]["search"]>,
  Describes<typeof uploadUrlBody, Outputs["assets"]["uploadUrl"]>,
  Describes<typeof expiringUrl, Outputs["assets"]["downloadUrl"]>,
  Describes<typeof expiringUrl, Outputs["gallery"]["signInLink"]>,
];
