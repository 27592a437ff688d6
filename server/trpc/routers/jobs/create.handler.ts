import { createJob } from "../../../jobs/create-job.js";
import type { AuthedContext } from "../../context.js";
import type { CreateJobInput } from "./create.schema.js";

export async function createHandler({ ctx, input }: { ctx: AuthedContext; input: CreateJobInput }) {
  const { jobId, status } = await createJob(ctx, input);
  return { jobId, status };
}
