import { TRPCError } from "@trpc/server";
import type { Filter } from "mongodb";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { findMember } from "../../shared/db/sql/accounts.js";
import { visibleJobsFilter } from "../auth/principal.js";
import type { AuthedContext } from "../trpc/context.js";

/**
 * The jobs a listing may show: the caller's visible jobs, optionally narrowed to one user.
 * Naming a user outside the workspace answers NOT_FOUND, as if the user did not exist.
 */
export async function scopeFilter(ctx: AuthedContext, userId: string | undefined): Promise<Filter<JobDocument>> {
  const filter: Filter<JobDocument> = visibleJobsFilter(ctx.principal);
  if (userId !== undefined && userId !== ctx.principal.userId) {
    const member = await findMember(ctx.deps.sql.db, ctx.principal.workspaceId, userId);
    if (!member) throw new TRPCError({ code: "NOT_FOUND", message: `user ${userId} was not found` });
  }
  if (userId !== undefined) filter.userId = userId;
  return filter;
}
