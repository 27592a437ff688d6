import { z } from "zod";
import { jobStatuses, jobTypes } from "../../../../shared/db/mongo/job-schema.js";

export const MAX_PAGE_SIZE = 100;

export const listJobsInput = z
  .strictObject({
    type: z.enum(jobTypes).optional(),
    status: z.enum(jobStatuses).optional(),
    visibility: z.enum(["workspace", "private"]).optional(),
    /** Only the caller's own jobs, or those of one teammate (their shared jobs). */
    userId: z.string().min(1).max(128).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
    cursor: z.string().max(512).nullish(),
  })
  .default({ limit: 20 });
