import { translateJob } from "../../../../jobs/translate.js";
import type { TranslateJobInput } from "../../../../shared/jobs/transcript-inputs.js";
import type { AuthedContext } from "../../context.js";

export const translateHandler = ({ ctx, input }: { ctx: AuthedContext; input: TranslateJobInput }) => translateJob(ctx, input);
