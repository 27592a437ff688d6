import { rerunJobInput, retrainJobInput } from "../../shared/jobs/input.js";
import { UsageError } from "../errors.js";
import { type Args, type CliContext, num, str } from "./context.js";
import { follow } from "./submit.js";

/** A refusal of the API's schema, named by the flag that gave the field. */
function checked<T>(
  a: Args,
  result: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } },
): T {
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const flag = a.command.flags.find((f) => f.field === issue?.path.join("."));
  throw new UsageError(`${flag ? `--${flag.name}` : "the job id"}: ${issue?.message ?? "not valid"}`);
}

/** `jobs rerun <jobId>`: the same input again as a new job (a new seed or count for pictures), followed like generate. */
export async function jobsRerun(ctx: CliContext, a: Args): Promise<void> {
  const input = {
    jobId: a.positionals[0] as string,
    ...(str(a, "seed") !== undefined ? { seed: str(a, "seed") } : {}),
    ...(num(a, "count") !== undefined ? { count: num(a, "count") } : {}),
    ...(str(a, "idempotency-key") ? { idempotencyKey: str(a, "idempotency-key") } : {}),
  };
  checked(a, rerunJobInput.safeParse(input));
  await follow(ctx, a, await ctx.api.jobs.rerun.mutate(input));
}

/** `jobs retrain <jobId>`: a finished LoRA trained again as its next version. */
export async function jobsRetrain(ctx: CliContext, a: Args): Promise<void> {
  const input = { jobId: a.positionals[0] as string, ...(num(a, "steps") !== undefined ? { steps: num(a, "steps") } : {}) };
  checked(a, retrainJobInput.safeParse(input));
  await follow(ctx, a, await ctx.api.jobs.retrain.mutate(input));
}
