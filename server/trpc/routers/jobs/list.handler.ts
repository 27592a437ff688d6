import { deliveryStatuses } from "../../../../shared/chat/delivery-status.js";
import type { z } from "zod";
import { JobsError } from "../../../../jobs/errors.js";
import { listJobs } from "../../../../jobs/list.js";
import { searchTerms } from "../../../../shared/search.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";
import type { listJobsInput } from "./list.schema.js";

export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listJobsInput> }) {
  const terms = input.search ? searchTerms(input.search) : undefined;
  if (input.search && terms?.length === 0) throw new JobsError("BAD_REQUEST", "search needs a word of at least 2 letters or digits");
  const page = await listJobs(ctx, {
    ...input,
    terms,
    createdFrom: input.createdFrom ? new Date(input.createdFrom) : undefined,
    createdBefore: input.createdBefore ? new Date(input.createdBefore) : undefined,
  });
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  const delivery = await deliveryStatuses(ctx.deps.sql.db, page.items);
  return { items: page.items.map((j) => toPublicJob(j, link, delivery.get(j.jobId))), nextCursor: page.nextCursor };
}
