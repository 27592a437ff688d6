import { cancelJob } from "../../../../jobs/cancel.js";
import type { AuthedContext } from "../../context.js";

export const cancelHandler = ({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) => cancelJob(ctx, input.jobId);
