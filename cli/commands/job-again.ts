import { rerunJobInput, retrainJobInput } from "../../shared/jobs/input.js";
import { checkWith } from "../validate.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { follow } from "./submit.js";

/** `jobs rerun <jobId>`: the same input again as a new job (a new seed or count for pictures), followed like generate. */
export async function jobsRerun(ctx: CliContext, a: Args): Promise<void> {
  const input = {
    jobId: a.positionals[0] as string,
    ...(str(a, "seed") !== undefined ? { seed: str(a, "seed") } : {}),
    ...(num(a, "count") !== undefined ? { count: num(a, "count") } : {}),
    ...(str(a, "idempotency-key") ? { idempotencyKey: str(a, "idempotency-key") } : {}),
  };
  checkWith(rerunJobInput, a.command, input);
  await follow(ctx, a, await ctx.api.jobs.rerun.mutate(input));
}

/** `jobs retrain <jobId>`: a finished LoRA trained again as its next version. */
export async function jobsRetrain(ctx: CliContext, a: Args): Promise<void> {
  const input = { jobId: a.positionals[0] as string, ...(num(a, "steps") !== undefined ? { steps: num(a, "steps") } : {}) };
  checkWith(retrainJobInput, a.command, input);
  await follow(ctx, a, await ctx.api.jobs.retrain.mutate(input));
}
