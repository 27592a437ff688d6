import type { z } from "zod";
import { searchMeetings } from "../../../../jobs/search-meetings.js";
import type { AuthedContext } from "../../context.js";
import type { searchTranscriptsInput } from "./schemas.js";

/** The team's meetings searched by words and phrases: hits as quotes with speaker and time. */
export async function searchTranscriptsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof searchTranscriptsInput> }) {
  return searchMeetings(ctx, input);
}
