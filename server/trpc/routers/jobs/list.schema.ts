import { z } from "zod";
import { jobSorts } from "../../../../shared/db/mongo/job-pages.js";
import { jobStatuses, jobTypes } from "../../../../shared/db/mongo/job-schema.js";

export const MAX_PAGE_SIZE = 100;

export const listJobsInput = z
  .strictObject({
    type: z.enum(jobTypes).optional(),
    status: z.enum(jobStatuses).optional(),
    visibility: z.enum(["workspace", "private"]).optional(),
    /** Only the caller's own jobs, or those of one teammate (their shared jobs). */
    userId: z.string().min(1).max(128).optional(),
    /** Every word of it in the job's prompt, trigger word, file names or transcript. */
    search: z.string().trim().max(200).optional(),
    /** Made at or after / before these instants (ISO 8601). */
    createdFrom: z.iso.datetime({ offset: true }).optional(),
    createdBefore: z.iso.datetime({ offset: true }).optional(),
    /** Generations made with this LoRA (its training job's id). */
    loraJobId: z.uuid().optional(),
    /** Jobs made from a picture of this job: its upscales, variations, edits, zooms, pans and region variations. */
    parentJobId: z.string().min(1).max(64).optional(),
    /** Jobs asked for in this chat channel (its platform id). */
    channelId: z
      .string()
      .regex(/^[A-Za-z0-9]{1,64}$/, "must be a channel id")
      .optional(),
    /** newest (the default) or oldest first, or most-used: the most jobs made from its pictures first. A cursor keeps its sort. */
    sort: z.enum(jobSorts).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    cursor: z.string().max(512).nullish(),
  })
  .default({ limit: 20 });
