import type { TrpcOperation } from "./trpc-operation.js";

/** The meeting procedures of a finished transcription in the OpenAPI document (docs/api.md, "Meeting notes and questions"). */
export const meetingOperations: TrpcOperation[] = [
  {
    path: "jobs.ask",
    summary: "Ask a question of a meeting",
    description:
      "A question (3 to 500 characters) about a completed transcription the caller may see, answered through AssemblyAI's LLM Gateway from its transcript: `{answer, quotes: [{text, speaker, start, end}]}`, times in milliseconds, every quote a line of the transcript. Charged to the caller's budget; 400 for another type of job, 412 while it is unfinished.",
    refusals: ["404", "412"],
  },
  {
    path: "jobs.regenerateNotes",
    summary: "Make a meeting's notes again",
    description:
      "The owner has the notes of a completed transcription made again, as the next revision: `notes.md` and `notes.json` then name it. 409 while another revision is being made.",
    refusals: ["403", "404", "409", "412"],
  },
];
