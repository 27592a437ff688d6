import { InvalidCursorError } from "../shared/db/mongo/job-pages.js";
import {
  MeetingQueryError,
  type TextRange,
  matchRanges,
  parseMeetingQuery,
  phrasePattern,
  queryTerms,
  quoteOf,
} from "../shared/meeting-search/query.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";

/** One place in one meeting where the query matched. */
export interface MeetingHit {
  jobId: string;
  fileName: string;
  /** `transcript`, or `notes` for a hit in the meeting's notes (fileName notes.md). */
  source: string;
  /** The speaker's label as AssemblyAI gave it ("A"), or null when the transcript has none. */
  speaker: string | null;
  /** The name the team gave that speaker (jobs.renameSpeakers), or null: what a hit shows instead of "Speaker A". */
  speakerName: string | null;
  /** Milliseconds from the start of the recording. */
  start: number;
  end: number;
  /** The passage, cut around its first match when long. */
  quote: string;
  /** Where the query's words and phrases stand in `quote`. */
  matches: TextRange[];
}

/**
 * The caller's team's meetings searched by words and "quoted phrases": every word in a hit's
 * passage, each phrase in its words' order. Newest meeting first, a meeting's hits in order;
 * private meetings are their owner's only.
 */
export async function searchMeetings(
  call: JobsCall,
  q: { query: string; limit: number; cursor?: string | null | undefined },
): Promise<{ query: string; terms: string[]; phrases: string[]; hits: MeetingHit[]; nextCursor: string | null }> {
  let parsed: ReturnType<typeof parseMeetingQuery>;
  try {
    parsed = parseMeetingQuery(q.query);
  } catch (err) {
    if (err instanceof MeetingQueryError) throw new JobsError("BAD_REQUEST", err.message);
    throw err;
  }
  const { workspaceId, userId } = call.principal;
  let page: Awaited<ReturnType<typeof call.deps.jobs.passages.search>>;
  try {
    page = await call.deps.jobs.passages.search({
      workspaceId,
      userId,
      terms: queryTerms(parsed),
      patterns: parsed.phrases.map(phrasePattern),
      limit: q.limit,
      cursor: q.cursor,
    });
  } catch (err) {
    if (err instanceof InvalidCursorError) throw new JobsError("BAD_REQUEST", err.message);
    throw err;
  }
  const named = await call.deps.jobs.transcripts.speakerNamesOf(workspaceId, [...new Set(page.items.map((p) => p.jobId))]);
  const hits = page.items.map((p) => {
    const { quote, matches } = quoteOf(p.text, matchRanges(p.text, parsed));
    const speakerName = (p.speaker && named.get(p.jobId)?.[p.speaker]) || null;
    return {
      jobId: p.jobId,
      fileName: p.fileName,
      source: p.source,
      speaker: p.speaker,
      speakerName,
      start: p.start,
      end: p.end,
      quote,
      matches,
    };
  });
  return { query: q.query, terms: parsed.terms, phrases: parsed.phrases.map((p) => p.join(" ")), hits, nextCursor: page.nextCursor };
}
