import { retrainJob } from "../../../../jobs/retrain.js";
import type { RetrainJobInput } from "../../../../shared/jobs/input.js";
import type { AuthedContext } from "../../context.js";

export const retrainHandler = ({ ctx, input }: { ctx: AuthedContext; input: RetrainJobInput }) => retrainJob(ctx, input);
