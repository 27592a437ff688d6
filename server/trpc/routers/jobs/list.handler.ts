import type { Filter } from "mongodb";
import type { JobDocument } from "../../../../shared/db/mongo/job-schema.js";
import { pageOfJobs } from "../../../jobs/page.js";
import { scopeFilter } from "../../../jobs/scope.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";
import type { listJobsInput } from "./list.schema.js";
import type { z } from "zod";

export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listJobsInput> }) {
  const filter: Filter<JobDocument> = await scopeFilter(ctx, input.userId);
  if (input.type) filter.type = input.type;
  if (input.status) filter.status = input.status;
  if (input.visibility === "private") {
    // Private jobs are only ever the caller's own.
    filter.visibility = "private";
    filter.userId = ctx.principal.userId;
  } else if (input.visibility === "workspace") {
    filter.visibility = { $ne: "private" };
  }
  const page = await pageOfJobs(ctx, filter, { limit: input.limit, cursor: input.cursor });
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  return { items: page.items.map((j) => toPublicJob(j, link)), nextCursor: page.nextCursor };
}
