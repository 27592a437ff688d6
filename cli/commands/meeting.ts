import { askJobInput } from "../../shared/jobs/transcript-inputs.js";
import { clock } from "../../shared/meeting/transcript-lines.js";
import { checkWith } from "../validate.js";
import type { Args, CliContext } from "./context.js";

/** `ask <jobId> <question…>`: the answer, then each quote on a line of its own with speaker and time. */
export async function ask(ctx: CliContext, a: Args): Promise<void> {
  const [jobId = "", ...words] = a.positionals;
  const input = { jobId, question: words.join(" ") };
  checkWith(askJobInput, a.command, input);
  const answer = await ctx.api.jobs.ask.mutate(input);
  if (ctx.json) return ctx.result(answer);
  ctx.out(answer.answer);
  for (const q of answer.quotes) ctx.out(`  ${clock(q.start)} ${q.speaker ?? "unknown speaker"}: "${q.text}"`);
}

/** `notes <jobId>`: the next revision of a meeting's notes. */
export async function notes(ctx: CliContext, a: Args): Promise<void> {
  const made = await ctx.api.jobs.regenerateNotes.mutate({ jobId: a.positionals[0] ?? "" });
  if (ctx.json) return ctx.result(made);
  ctx.out(`${made.jobId} notes revision ${made.revision} (${made.actionItems} action items): cg download ${made.jobId} --file notes.md`);
}
