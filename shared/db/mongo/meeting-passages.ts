import { type Collection, type Db, type Filter, MongoBulkWriteError } from "mongodb";
import type { Passage } from "../../meeting-search/passages.js";
import { passageTerms } from "../../meeting-search/query.js";
import { type DeclaredIndex, ensureDeclaredIndexes } from "./declared-indexes.js";
import { InvalidCursorError } from "./job-pages.js";

/** The search index across meetings: one document per passage of a transcript (or, later, of its notes). */
export const PASSAGES_COLLECTION = "meeting_passages";

/** Where a passage comes from: a source is indexed and replaced as a whole, per job. */
export type PassageSource = "transcript" | "notes";

export interface PassageDocument {
  /** `jobId:source:seq`, the seq zero-padded so a job's passages sort in their order. */
  _id: string;
  workspaceId: string;
  userId: string;
  /** Copied from the job, so a private meeting is found by its owner only. */
  private: boolean;
  jobId: string;
  fileName: string;
  /** The job's createdAt: newest meetings first. */
  createdAt: Date;
  source: PassageSource;
  speaker: string | null;
  start: number;
  end: number;
  text: string;
  terms: string[];
}

/**
 * The one search query, served on MongoDB by this index: the workspace and one word bound the
 * scan (a multikey index), the order is the index's. On the embedded FerretDB the GIN indexes of
 * embedded-indexes.ts serve the same query (workspaceId and terms by containment, which matches
 * an array holding the word) and a sort index its order.
 */
export const passageIndexes: readonly DeclaredIndex[] = [
  { key: { workspaceId: 1, terms: 1, createdAt: -1, _id: 1 }, name: "workspace_terms_recent" },
  { key: { jobId: 1 }, name: "passages_job" },
];

/** The meeting that passages belong to, as the job document says. */
export interface PassageOwner {
  jobId: string;
  workspaceId: string;
  userId: string;
  visibility: "private" | "workspace" | string;
  createdAt: Date;
}

/** A search: who may see what, the words every hit holds, and the phrase patterns its text matches. */
export interface PassageSearch {
  workspaceId: string;
  userId: string;
  terms: readonly string[];
  /** Regular expressions, matched case-insensitively on the text. */
  patterns: readonly string[];
  limit: number;
  cursor?: string | null | undefined;
}

const seqWidth = 6;
/** How many passages of each term the search counts before it picks the rarest. */
const PROBE = 16;

function encodeCursor(doc: Pick<PassageDocument, "createdAt" | "_id">): string {
  return Buffer.from(JSON.stringify(["p", doc.createdAt.getTime(), doc._id])).toString("base64url");
}

function afterCursor(cursor: string): Filter<PassageDocument> {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parts = null;
  }
  const [tag, ms, id] = Array.isArray(parts) ? (parts as unknown[]) : [];
  if (tag !== "p" || typeof ms !== "number" || !Number.isFinite(ms) || typeof id !== "string")
    throw new InvalidCursorError("the cursor is not one this search returned");
  const createdAt = new Date(ms);
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $gt: id } }] };
}

/** The passages collection: written when a transcription completes, read by the search, emptied with its job. */
export class MeetingPassages {
  readonly #db: Db;
  readonly #collection: Collection<PassageDocument>;

  constructor(db: Db) {
    this.#db = db;
    this.#collection = db.collection<PassageDocument>(PASSAGES_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await ensureDeclaredIndexes(this.#db, this.#collection, passageIndexes);
  }

  /**
   * Makes a job's passages of one source exactly these: the same call again (a retried worker, a
   * backfill) writes the same documents under the same ids, and a shorter list drops the rest.
   */
  async replace(owner: PassageOwner, fileName: string, source: PassageSource, passages: readonly Passage[]): Promise<number> {
    const id = (seq: number) => `${owner.jobId}:${source}:${String(seq).padStart(seqWidth, "0")}`;
    const docs: PassageDocument[] = passages.map((p, seq) => ({
      _id: id(seq),
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      private: owner.visibility === "private",
      jobId: owner.jobId,
      fileName,
      createdAt: owner.createdAt,
      source,
      speaker: p.speaker,
      start: Math.round(p.start),
      end: Math.round(p.end),
      text: p.text,
      terms: passageTerms(p.text),
    }));
    for (let i = 0; i < docs.length; i += 500) {
      const chunk = docs.slice(i, i + 500);
      // A first indexing inserts in one command; only a repeat (a retried worker, a backfill) finds its
      // documents there and replaces them one by one.
      const again = await this.#collection
        .insertMany(chunk, { ordered: false })
        .then(() => [] as number[])
        .catch((err: unknown) => {
          if (!(err instanceof MongoBulkWriteError)) throw err;
          const failed = Array.isArray(err.writeErrors) ? err.writeErrors : [err.writeErrors];
          if (failed.some((e) => e.code !== 11000)) throw err;
          return failed.map((e) => e.index);
        });
      for (const at of again) {
        const doc = chunk[at];
        if (doc) await this.#collection.replaceOne({ _id: doc._id }, doc);
      }
    }
    // Passages past the new end, left by an earlier, longer indexing of the same source.
    await this.#collection.deleteMany({ jobId: owner.jobId, source, _id: { $gte: id(docs.length), $lt: `${owner.jobId}:${source};` } });
    return docs.length;
  }

  /** Whether a job has passages of this source: the backfill skips the jobs it indexed already. */
  async has(jobId: string, source: PassageSource): Promise<boolean> {
    return (await this.#collection.findOne({ jobId, source }, { projection: { _id: 1 } })) !== null;
  }

  async removeJob(jobId: string): Promise<number> {
    return (await this.#collection.deleteMany({ jobId })).deletedCount;
  }

  /** A shared or private job's passages follow it. */
  async setPrivate(jobId: string, isPrivate: boolean): Promise<void> {
    await this.#collection.updateMany({ jobId }, { $set: { private: isPrivate } });
  }

  /**
   * Passages holding every term, matching every pattern, that the member may see: newest meeting
   * first, a meeting's passages in order. The rarest term bounds the read: each term's first
   * passages are counted (up to PROBE, in parallel, each an index read), and the one with the
   * fewest is the equality on `terms`; the others are `$all`. MongoDB's multikey index takes its
   * bounds from that equality; FerretDB sends only a top-level equality to PostgreSQL (`$all` it
   * checks itself on every row it reads), so there the choice decides how many rows it decodes.
   */
  async search(s: PassageSearch): Promise<{ items: Array<Omit<PassageDocument, "terms">>; nextCursor: string | null }> {
    const first = await this.#rarest(s.workspaceId, s.terms);
    if (!first) return { items: [], nextCursor: null };
    const rest = s.terms.filter((t) => t !== first);
    const and: Filter<PassageDocument>[] = [{ $or: [{ private: false }, { userId: s.userId }] }];
    if (rest.length > 0) and.push({ terms: { $all: rest } });
    for (const pattern of s.patterns) and.push({ text: { $regex: pattern, $options: "i" } });
    if (s.cursor) and.push(afterCursor(s.cursor));
    const docs = await this.#collection
      .find<Omit<PassageDocument, "terms">>({ workspaceId: s.workspaceId, terms: first, $and: and }, { projection: { terms: 0 } })
      .sort({ createdAt: -1, _id: 1 })
      .limit(s.limit + 1)
      .toArray();
    const items = docs.slice(0, s.limit);
    const last = items.at(-1);
    return { items, nextCursor: docs.length > s.limit && last ? encodeCursor(last) : null };
  }

  /** The term fewest of the workspace's passages hold, as far as PROBE of each tell. */
  async #rarest(workspaceId: string, terms: readonly string[]): Promise<string | undefined> {
    if (terms.length <= 1) return terms[0];
    const counts = await Promise.all(
      terms.map(async (term) => {
        const seen = await this.#collection
          .find({ workspaceId, terms: term }, { projection: { _id: 1 } })
          .sort({ createdAt: -1, _id: 1 })
          .limit(PROBE)
          .toArray();
        return { term, n: seen.length };
      }),
    );
    // Among terms as common as each other, the longest word is the likelier to be rare.
    counts.sort((a, b) => a.n - b.n || b.term.length - a.term.length || (a.term < b.term ? -1 : 1));
    return counts[0]?.term;
  }
}
