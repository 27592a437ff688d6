import { loadVisibleJob } from "../../../../jobs/read.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";

export async function getHandler({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) {
  const job = await loadVisibleJob(ctx, input.jobId);
  return toPublicJob(job, linkFactory(ctx.deps.config, ctx.baseUrl));
}
