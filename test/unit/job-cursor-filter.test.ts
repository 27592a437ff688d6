import { describe, expect, it } from "vitest";
import { afterCursor, cursorFilter, encodeCursor } from "../../shared/db/mongo/job-pages.js";

const last = { createdAt: new Date(Date.UTC(2026, 5, 1, 12)), jobId: "job-b", uses: 3 };
const scope = { workspaceId: "ws-1", userId: "u-1" };

describe("the filter of a page after a cursor", () => {
  it("newest first: the cursor's exact condition under $and, and its time as a createdAt bound at the top level", () => {
    const cursor = encodeCursor(last, "newest");
    expect(cursorFilter(scope, cursor, "newest")).toEqual({
      ...scope,
      createdAt: { $lte: last.createdAt },
      $and: [afterCursor(cursor, "newest")],
    });
  });

  it("oldest first bounds from below, and a filter's own $and is kept", () => {
    const cursor = encodeCursor(last, "oldest");
    const own = { ...scope, $and: [{ type: "image-generation" as const }] };
    expect(cursorFilter(own, cursor, "oldest")).toEqual({
      ...scope,
      createdAt: { $gte: last.createdAt },
      $and: [{ type: "image-generation" }, afterCursor(cursor, "oldest")],
    });
  });

  it("joins a filter's own createdAt range, unless that range already has the cursor's operator", () => {
    const before = new Date(Date.UTC(2026, 6, 1));
    const from = new Date(Date.UTC(2026, 0, 1));
    const newest = encodeCursor(last, "newest");
    expect(cursorFilter({ ...scope, createdAt: { $gte: from, $lt: before } }, newest, "newest").createdAt).toEqual({
      $gte: from,
      $lt: before,
      $lte: last.createdAt,
    });
    // Oldest first would bound with $gte, which the filter's createdFrom holds: the $and alone cuts the page.
    const oldest = encodeCursor(last, "oldest");
    expect(cursorFilter({ ...scope, createdAt: { $gte: from } }, oldest, "oldest").createdAt).toEqual({ $gte: from });
  });

  it("most used first has no bound: jobs without uses sort after every count", () => {
    const cursor = encodeCursor(last, "most-used");
    expect(cursorFilter(scope, cursor, "most-used")).toEqual({ ...scope, $and: [afterCursor(cursor, "most-used")] });
  });
});
