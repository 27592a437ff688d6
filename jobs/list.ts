import type { Filter } from "mongodb";
import type { JobDocument, JobStatus, JobType, Visibility } from "../shared/db/mongo/job-schema.js";
import { InvalidCursorError, type JobPage, type JobSort } from "../shared/db/mongo/job-pages.js";
import { findMember } from "../shared/db/sql/accounts.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { visibleJobsFilter } from "./principal.js";

/**
 * The jobs a listing may show: the caller's visible jobs, optionally narrowed to one user.
 * Naming a user outside the workspace answers NOT_FOUND, as if the user did not exist.
 */
export async function scopeFilter(call: JobsCall, userId: string | undefined): Promise<Filter<JobDocument>> {
  const filter: Filter<JobDocument> = visibleJobsFilter(call.principal);
  if (userId !== undefined && userId !== call.principal.userId) {
    const member = await findMember(call.deps.sql.db, call.principal.workspaceId, userId);
    if (!member) throw new JobsError("NOT_FOUND", `user ${userId} was not found`);
  }
  if (userId !== undefined) filter.userId = userId;
  return filter;
}

export interface JobsQuery {
  /** One member's jobs: the caller's own, or a teammate's shared ones. */
  userId?: string | undefined;
  type?: JobType | undefined;
  status?: JobStatus | undefined;
  visibility?: Visibility | undefined;
  /** Every one of these words, as `searchTerms` stores them. */
  terms?: string[] | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  /** Generations with this LoRA. */
  loraJobId?: string | undefined;
  /** Jobs made from a picture of this job. */
  parentJobId?: string | undefined;
  /** Jobs asked for in this chat channel. */
  channelId?: string | undefined;
  /** Newest first unless told; a cursor continues the order it came from. */
  sort?: JobSort | undefined;
  limit: number;
  cursor?: string | null | undefined;
}

/** One page of the jobs the caller may see, in the order asked for; a cursor this API did not issue is the caller's error. */
export async function listJobs(call: JobsCall, q: JobsQuery): Promise<JobPage> {
  const filter = await scopeFilter(call, q.userId);
  if (q.type) filter.type = q.type;
  if (q.status) filter.status = q.status;
  if (q.terms) filter.searchTerms = { $all: q.terms };
  if (q.createdFrom || q.createdBefore) {
    filter.createdAt = { ...(q.createdFrom ? { $gte: q.createdFrom } : {}), ...(q.createdBefore ? { $lt: q.createdBefore } : {}) };
  }
  if (q.loraJobId) filter["input.lora.jobId"] = q.loraJobId;
  if (q.parentJobId) filter.parentJobId = q.parentJobId;
  if (q.channelId) filter["delivery.channelId"] = q.channelId;
  if (q.visibility === "private") {
    // Private jobs are only ever the caller's own.
    filter.visibility = "private";
    filter.userId = call.principal.userId;
  } else if (q.visibility === "workspace") {
    filter.visibility = { $ne: "private" };
  }
  try {
    return await call.deps.jobs.page(filter, { limit: q.limit, cursor: q.cursor, sort: q.sort });
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new JobsError("BAD_REQUEST", err.message);
    throw err;
  }
}
