import { createJob } from "../../../../jobs/create.js";
import type { CreateJobInput } from "../../../../shared/jobs/input.js";
import type { AuthedContext } from "../../context.js";

export async function createHandler({ ctx, input }: { ctx: AuthedContext; input: CreateJobInput }) {
  const { jobId, status } = await createJob(ctx, input);
  return { jobId, status };
}
