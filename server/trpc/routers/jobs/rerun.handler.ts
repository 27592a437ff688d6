import { rerunJob } from "../../../../jobs/rerun.js";
import type { RerunJobInput } from "../../../../shared/jobs/input.js";
import type { AuthedContext } from "../../context.js";

export const rerunHandler = ({ ctx, input }: { ctx: AuthedContext; input: RerunJobInput }) => rerunJob(ctx, input);
