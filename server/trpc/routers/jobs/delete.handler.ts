import { deleteJob } from "../../../../jobs/delete.js";
import type { AuthedContext } from "../../context.js";

export const deleteHandler = ({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) => deleteJob(ctx, input.jobId);
