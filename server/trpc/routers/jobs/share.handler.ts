import { deliveryStatuses } from "../../../../shared/chat/delivery-status.js";
import { shareJob } from "../../../../jobs/share.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";

/** `jobs.share`: the owner shares a finished private job with the workspace; the job as it is now. */
export async function shareHandler({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) {
  const job = await shareJob(ctx, input.jobId);
  const delivery = await deliveryStatuses(ctx.deps.sql.db, [job]);
  return toPublicJob(job, linkFactory(ctx.deps.config, ctx.baseUrl), delivery.get(job.jobId));
}
