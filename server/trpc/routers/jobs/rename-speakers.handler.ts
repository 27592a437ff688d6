import { deliveryStatuses } from "../../../../shared/chat/delivery-status.js";
import { renameSpeakers } from "../../../../jobs/rename-speakers.js";
import type { RenameSpeakersInput } from "../../../../shared/jobs/transcript-inputs.js";
import { toPublicJob } from "../../../../shared/jobs/view.js";
import { linkFactory } from "../../../../shared/links/factory.js";
import type { AuthedContext } from "../../context.js";

/** `jobs.renameSpeakers`: a finished transcription's speakers named for the team; the job as it is now. */
export async function renameSpeakersHandler({ ctx, input }: { ctx: AuthedContext; input: RenameSpeakersInput }) {
  const job = await renameSpeakers(ctx, input);
  const delivery = await deliveryStatuses(ctx.deps.sql.db, [job]);
  return toPublicJob(job, linkFactory(ctx.deps.config, ctx.baseUrl), delivery.get(job.jobId));
}
