import type { Document, Filter, Sort } from "mongodb";
import type { JobDocument } from "./job-schema.js";

/** A page of jobs in the order asked for, and the cursor that continues it. */
export interface JobPage {
  items: JobDocument[];
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

/**
 * The orders a job list comes in: newest or oldest first, or most used first (the most jobs made
 * from its pictures, see `uses` in job-schema.ts), newer first among equals. Every order ends
 * with jobId, so it is total and stable under inserts.
 */
export const jobSorts = ["newest", "oldest", "most-used"] as const;
export type JobSort = (typeof jobSorts)[number];

export function sortSpec(sort: JobSort): Sort {
  if (sort === "oldest") return { createdAt: 1, jobId: 1 };
  if (sort === "most-used") return { uses: -1, createdAt: -1, jobId: -1 };
  return { createdAt: -1, jobId: -1 };
}

type Position =
  | { sort: "newest"; createdAt: Date; jobId: string }
  | { sort: "oldest"; createdAt: Date; jobId: string }
  | { sort: "most-used"; uses: number | null; createdAt: Date; jobId: string };

/**
 * Cursors name the last item seen by the page's sort keys. A newest-first cursor is the pair
 * `[ms, jobId]` it always was; the other sorts lead with their name, so a cursor of one sort
 * given to another is refused rather than read as a different position.
 */
export function encodeCursor(job: Pick<JobDocument, "createdAt" | "jobId" | "uses">, sort: JobSort = "newest"): string {
  const ms = job.createdAt.getTime();
  const parts =
    sort === "newest" ? [ms, job.jobId] : sort === "oldest" ? ["oldest", ms, job.jobId] : ["most-used", job.uses ?? null, ms, job.jobId];
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

function decodePosition(cursor: string): Position | null {
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parts)) return null;
    const [a, b, c, d] = parts as unknown[];
    const time = (ms: unknown) => (typeof ms === "number" && Number.isFinite(ms) ? new Date(ms) : null);
    if (parts.length === 2 && time(a) && typeof b === "string") return { sort: "newest", createdAt: time(a) as Date, jobId: b };
    if (parts.length === 3 && a === "oldest" && time(b) && typeof c === "string")
      return { sort: "oldest", createdAt: time(b) as Date, jobId: c };
    const uses = b === null || (typeof b === "number" && Number.isInteger(b) && b >= 0);
    if (parts.length === 4 && a === "most-used" && uses && time(c) && typeof d === "string") {
      return { sort: "most-used", uses: b as number | null, createdAt: time(c) as Date, jobId: d };
    }
  } catch {
    // fall through to null
  }
  return null;
}

/** The jobs after a cursor's position in its sort; a cursor of another sort, or none this API wrote, is refused. */
export function afterCursor(cursor: string, sort: JobSort): Filter<JobDocument> {
  const p = decodePosition(cursor);
  if (!p) throw new InvalidCursorError("the cursor is not one this API returned");
  if (p.sort !== sort) throw new InvalidCursorError(`the cursor belongs to the ${p.sort} order, not ${sort}`);
  const { createdAt, jobId } = p;
  if (p.sort === "newest") return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, jobId: { $lt: jobId } }] };
  if (p.sort === "oldest") return { $or: [{ createdAt: { $gt: createdAt } }, { createdAt, jobId: { $gt: jobId } }] };
  // Jobs stored before uses was kept have none: they sort after every counted job (as null, below
  // any number, in MongoDB's order), newest first among themselves.
  // (`uses: null` matches a missing field too; the driver's types only know the field as a number.)
  const tied = (uses: number | null): Document[] => [
    { uses, createdAt: { $lt: createdAt } },
    { uses, createdAt, jobId: { $lt: jobId } },
  ];
  const or = p.uses === null ? tied(null) : [{ uses: { $lt: p.uses } }, ...tied(p.uses), { uses: null }];
  return { $or: or } as Filter<JobDocument>;
}

/**
 * The filter of the page after a cursor: the filter, the cursor's exact condition under `$and`,
 * and for the orders led by createdAt the cursor's time as a bound on createdAt at the top level
 * too (`$lte` newest first, `$gte` oldest first: it keeps the ties, which the `$and` orders by
 * jobId). The `$or` alone names no range an index can start from: MongoDB reads its
 * { workspaceId, …, createdAt, jobId } index from the first job of the scope, and the embedded
 * FerretDB, which sends nothing under `$and` or `$or` to PostgreSQL, its sort index likewise
 * (infra/ferretdb/range-pushdown.patch pushes a top-level range on the sort's first field). The
 * bound starts both at the cursor. Most used first leads with uses, where missing counts sort
 * after every number, so no single range holds that order's rest: it keeps the `$and` alone.
 */
export function cursorFilter(filter: Filter<JobDocument>, cursor: string, sort: JobSort): Filter<JobDocument> {
  const after = afterCursor(cursor, sort);
  const query: Filter<JobDocument> = { ...filter, $and: [...(filter.$and ?? []), after] };
  const p = decodePosition(cursor);
  if (!p || p.sort === "most-used") return query;
  const bound = p.sort === "newest" ? { $lte: p.createdAt } : { $gte: p.createdAt };
  const own = filter.createdAt;
  if (own === undefined) return { ...query, createdAt: bound };
  // A filter's own createdAt range (listJobs' createdFrom and createdBefore) keeps its bounds; the
  // cursor's joins them unless the filter has that operator already, whose page the `$and` still cuts.
  const operators = typeof own === "object" && own !== null && !(own instanceof Date) ? (own as Record<string, unknown>) : null;
  const key = Object.keys(bound)[0] as string;
  if (!operators || key in operators || Object.keys(operators).some((k) => !k.startsWith("$"))) return query;
  return { ...query, createdAt: { ...operators, ...bound } } as Filter<JobDocument>;
}
