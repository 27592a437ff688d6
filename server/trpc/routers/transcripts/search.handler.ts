import type { z } from "zod";
import { searchMeetings } from "../../../../jobs/search-meetings.js";
import { momentPath } from "../../../../shared/meeting-search/moment.js";
import type { AuthedContext } from "../../context.js";
import type { searchTranscriptsInput } from "./schemas.js";

/** The team's meetings searched by words and phrases: hits as quotes with speaker and time, each with the gallery's page at that moment. */
export async function searchTranscriptsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof searchTranscriptsInput> }) {
  const found = await searchMeetings(ctx, input);
  const base = ctx.baseUrl.replace(/\/+$/, "");
  return { ...found, hits: found.hits.map((h) => ({ ...h, link: `${base}${momentPath(h.jobId, h.start)}` })) };
}
