import type { z } from "zod";
import { type JobDocument, finalStatuses } from "../../shared/db/mongo/job-schema.js";
import { PermanentJobError } from "../providers/failures.js";
import type { WorkerDeps } from "../worker-deps.js";
import { setJobStatus } from "./job-status.js";

/**
 * The start of every run: the job, marked running, with its stored input parsed. Undefined when
 * there is nothing to do (gone, deleted, or already final, as after a retry of a finished run).
 */
export async function beginJob<S extends z.ZodType>(
  deps: WorkerDeps,
  jobId: string,
  inputSchema: S,
  what: string,
): Promise<{ job: JobDocument; input: z.infer<S> } | undefined> {
  const job = await deps.jobs.get(jobId);
  if (!job || job.deletedAt || finalStatuses.includes(job.status)) return undefined;
  if (!(await setJobStatus(deps, jobId, "running"))) return undefined;
  // Inputs stored before the type was kept beside the parameters still parse.
  const parsed = inputSchema.safeParse({ ...job.input, type: job.type });
  if (!parsed.success) throw new PermanentJobError(`the job's input is not a valid ${what}`, "BAD_INPUT");
  return { job, input: parsed.data };
}
