import { askJob, regenerateNotes } from "../../../../jobs/meeting.js";
import type { AskJobInput } from "../../../../shared/jobs/transcript-inputs.js";
import type { AuthedContext } from "../../context.js";

export const askHandler = ({ ctx, input }: { ctx: AuthedContext; input: AskJobInput }) => askJob(ctx, input);
export const regenerateNotesHandler = ({ ctx, input }: { ctx: AuthedContext; input: { jobId: string } }) =>
  regenerateNotes(ctx, input.jobId);
