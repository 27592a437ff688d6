import type { JobDocument } from "./job-schema.js";

/** A page of jobs, newest first, and the cursor that continues it. */
export interface JobPage {
  items: JobDocument[];
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

/** Cursors name the last item seen by (createdAt, jobId): a stable order that inserts cannot shift. */
export function encodeCursor(job: Pick<JobDocument, "createdAt" | "jobId">): string {
  return Buffer.from(JSON.stringify([job.createdAt.getTime(), job.jobId])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; jobId: string } {
  try {
    const [ms, jobId] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof ms === "number" && Number.isFinite(ms) && typeof jobId === "string") {
      return { createdAt: new Date(ms), jobId };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError("the cursor is not one this API returned");
}
