import type { z } from "zod";
import { appRouter } from "../trpc/router.js";
import { meetingOperations } from "./meeting-operations.js";
import { organizeOperations } from "./organize-operations.js";
import type { TrpcOperation } from "./trpc-operation.js";

export type { TrpcOperation } from "./trpc-operation.js";
import {
  assetPage,
  expiringUrl,
  jobDeleted,
  jobPage,
  jobSchema,
  jobStarted,
  meetingHits,
  searchPage,
  statsBody,
  translationQueued,
  uploadUrlBody,
} from "./schemas.js";

/**
 * The tRPC procedures as a caller in any language reaches them over plain HTTP (tRPC 11, no
 * transformer): a query is `GET /trpc/<path>?input=<URL-encoded JSON>`, a mutation `POST
 * /trpc/<path>` with the JSON input as its body; the answer is `{"result":{"data":…}}`, a
 * refusal `{"error":{…}}`. Each entry's method and input schema are read off the procedure in
 * the router, so the document cannot name one that is not there. `jobs.watch`, a subscription
 * (server-sent events), is left to the client package.
 */

export const trpcOperations: TrpcOperation[] = [
  {
    path: "jobs.create",
    summary: "Start a job",
    description:
      "An image generation, a transcription or a LoRA training: the input is a union on `type`. A picture operation (`operation`: `upscale`, `vary`, `edit`) works on `source: {jobId, image}` of a finished image job. Files go up first through `assets.uploadUrl`; its `uploadKey` goes here. The same `idempotencyKey` from the same caller returns the first job (409 when reused for another input).",
    response: jobStarted,
    refusals: ["404", "409", "412"],
  },
  {
    path: "jobs.get",
    summary: "A job",
    description: "The job with its status, progress, versions and files. A job the caller may not see answers 404.",
    response: jobSchema,
    refusals: ["404"],
  },
  {
    path: "jobs.list",
    summary: "Jobs, newest first",
    description:
      "A page of the jobs the caller can see, with filters (`type`, `status`, `visibility`, `userId`, `search`, `createdFrom`, `createdBefore`, `loraJobId`, `parentJobId` (the jobs made from its pictures), `channelId`); pass `nextCursor` as `cursor` for the next page.",
    response: jobPage,
  },
  {
    path: "jobs.cancel",
    summary: "Cancel a job",
    description: "The owner cancels a queued or running job; canceling a finished job changes nothing.",
    response: jobStarted,
    refusals: ["403", "404"],
  },
  {
    path: "jobs.rerun",
    summary: "Run a job's input again",
    description: "A new job with the same input, optionally with a new `seed` or `count`.",
    response: jobStarted,
    refusals: ["404"],
  },
  {
    path: "jobs.retrain",
    summary: "Train a LoRA again",
    description: "Trains a completed LoRA again (optionally with other `steps`), stored as its next version.",
    response: jobStarted,
    refusals: ["403", "404", "412"],
  },
  {
    path: "jobs.delete",
    summary: "Delete a job",
    description: "Deletes every stored file of the job and the uploads it consumed, and hides it; a second delete changes nothing.",
    response: jobDeleted,
    refusals: ["403", "404"],
  },
  {
    path: "jobs.share",
    summary: "Share a private job",
    description: "The owner shares a finished private job with the workspace.",
    response: jobSchema,
    refusals: ["403", "404", "412"],
  },
  {
    path: "jobs.translate",
    summary: "Translate a transcription",
    description:
      "Queues a completed transcription's translation into `language` (one of AssemblyAI Translation's target languages); `transcript.<language>.txt`, `.srt` and `.vtt` then appear among the job's files, with the original cue times. 400 for a job that is not a transcription, 412 before it has completed, 409 for a language it has or is being translated into.",
    response: translationQueued,
    refusals: ["404", "409", "412"],
  },
  {
    path: "jobs.renameSpeakers",
    summary: "Name a transcript's speakers",
    description:
      'Any member who sees a finished transcription names its speakers (`names: {"A": "Alice"}`, the speaker as the transcript labels it; null takes a name back). The job\'s `speakerNames` then holds them, and its transcript files (json, txt, srt, vtt) read with the names wherever they are downloaded.',
    response: jobSchema,
    refusals: ["404", "412"],
  },
  {
    path: "assets.uploadUrl",
    summary: "An upload URL",
    description:
      "A presigned PUT of a file of the given type and exact size (at most 2 GiB): send the bytes there with the `headers` given, then pass `uploadKey` to `jobs.create`.",
    response: uploadUrlBody,
  },
  {
    path: "assets.downloadUrl",
    summary: "A download URL",
    description: "A presigned GET of one of the job's files, valid for `expiresIn` seconds (default one hour).",
    response: expiringUrl,
    refusals: ["404"],
  },
  {
    path: "assets.list",
    summary: "Completed files of a kind",
    description: "The files of completed jobs of one `kind` (`loras`, `images`, `transcripts`), newest first, a page of jobs at a time.",
    response: assetPage,
  },
  {
    path: "assets.search",
    summary: "Search jobs",
    description: "Jobs having every word of `q` in their prompt, trigger word, file names or transcript.",
    response: searchPage,
  },
  {
    path: "transcripts.search",
    summary: "Search the team's meetings",
    description:
      'Passages of the transcripts the caller can see holding every word of `query`, each "quoted phrase" in its order: newest meeting first, a meeting\'s hits in order, with speaker, start and end (ms), the quote with its matched ranges and a link to that moment; pass `nextCursor` as `cursor` for more. A query without a word of 2 letters or more, over 200 characters or of more than 12 words and phrases is refused (400).',
    response: meetingHits,
  },
  {
    path: "assets.stats",
    summary: "Counts, bytes and costs",
    description: "Counts, stored bytes and estimated costs by asset type.",
    response: statsBody,
  },
  {
    path: "usage.get",
    summary: "Usage this month",
    description: "The caller's and the workspace's finished jobs and estimated cost for one month, with the monthly budgets.",
  },
  {
    path: "usage.history",
    summary: "Usage by month",
    description: "The last months (default 12) by job type, and this month by member.",
  },
  {
    path: "settings.get",
    summary: "Chat settings",
    description: "A server's or team's chat settings, or a channel's (`channelId`), which override them field by field.",
  },
  {
    path: "settings.set",
    summary: "Change chat settings",
    description: "An admin changes the given fields for the server or team, or one channel; `null` clears one. Anyone else: 403.",
    refusals: ["403"],
  },
  {
    path: "gallery.signInLink",
    summary: "A gallery sign-in link",
    description:
      "A one-time link (ten minutes) that signs the caller into the web gallery; a user's key, not a service key. `next`, optional: the gallery page to open once signed in, a path of this site under `/app/` (such as `/app/jobs/<jobId>/pictures/1/region`); an absolute URL, `//host`, a backslash, dot segments or the sign-in page itself are refused (400).",
    response: expiringUrl,
    refusals: ["403"],
  },
  {
    path: "health.check",
    summary: "Health",
    description: "Whether the stores answer; no key needed.",
    public: true,
  },
  ...organizeOperations,
  ...meetingOperations,
];

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] } };

/** The router's procedures by path (jobs.create), as tRPC keeps them. */
export const procedures = (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures;

/** The procedure an operation documents: its kind, and its input schema when it takes one. */
export function procedureOf(path: string): { type: "query" | "mutation"; input?: z.ZodType } {
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no procedure ${path} in the router`);
  const { type, inputs } = procedure._def;
  if (type === "subscription") throw new Error(`${path} is a subscription, not a plain HTTP call`);
  if (inputs.length > 1) throw new Error(`${path} merges inputs: document it by hand`);
  return inputs[0] ? { type, input: inputs[0] } : { type };
}
