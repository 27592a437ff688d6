import { deliveryStatuses } from "../../../../shared/chat/delivery-status.js";
import type { z } from "zod";
import { listJobs } from "../../../../jobs/list.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";
import type { listJobsInput } from "./list.schema.js";

export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listJobsInput> }) {
  const page = await listJobs(ctx, input);
  const link = linkFactory(ctx.deps.config, ctx.baseUrl);
  const delivery = await deliveryStatuses(ctx.deps.sql.db, page.items);
  return { items: page.items.map((j) => toPublicJob(j, link, delivery.get(j.jobId))), nextCursor: page.nextCursor };
}
