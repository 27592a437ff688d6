import { TRPCError } from "@trpc/server";
import type { Filter } from "mongodb";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { InvalidCursorError, type JobPage } from "../../shared/db/mongo/jobs-repository.js";
import type { AuthedContext } from "../trpc/context.js";

/** One page of jobs; a cursor this API did not issue is the caller's error (BAD_REQUEST). */
export async function pageOfJobs(ctx: AuthedContext, filter: Filter<JobDocument>, opts: { limit: number; cursor?: string | null | undefined }): Promise<JobPage> {
  try {
    return await ctx.deps.jobs.page(filter, opts);
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message });
    throw err;
  }
}
