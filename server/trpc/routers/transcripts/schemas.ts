import { z } from "zod";
import { MAX_QUERY_LENGTH } from "../../../../shared/meeting-search/query.js";

/** Hits a page holds at most: each is a quote, and a chat answer shows a handful. */
export const MAX_SEARCH_HITS = 50;

export const searchTranscriptsInput = z.strictObject({
  /** Words that must all appear, and "quoted phrases". */
  query: z.string().trim().min(1, "must not be empty").max(MAX_QUERY_LENGTH),
  limit: z.number().int().min(1).max(MAX_SEARCH_HITS).default(10),
  cursor: z.string().max(512).nullish(),
});
