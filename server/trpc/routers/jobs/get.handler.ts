import { deliveryStatuses } from "../../../../shared/chat/delivery-status.js";
import { loadVisibleJob } from "../../../../jobs/read.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";

export async function getHandler({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) {
  const job = await loadVisibleJob(ctx, input.jobId);
  const delivery = await deliveryStatuses(ctx.deps.sql.db, [job]);
  return toPublicJob(job, linkFactory(ctx.deps.config, ctx.baseUrl), delivery.get(job.jobId));
}
