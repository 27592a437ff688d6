import { and, asc, count, desc, eq, or, sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";
import { boardPictures, boards } from "./organize-schema.js";
import { type PictureRef, decodePictureCursor } from "./picture-rows.js";

export type Board = typeof boards.$inferSelect;

/** PostgreSQL's unique_violation: a board of that name exists in the workspace. */
export const isDuplicateName = (err: unknown): boolean =>
  typeof err === "object" &&
  err !== null &&
  ((err as { code?: string }).code === "23505" || isDuplicateName((err as { cause?: unknown }).cause));

export async function createBoard(
  db: SqlDb,
  values: { workspaceId: string; name: string; createdBy: string },
  now = new Date(),
): Promise<Board> {
  const [board] = await db
    .insert(boards)
    .values({ ...values, createdAt: now, updatedAt: now })
    .returning();
  if (!board) throw new Error("board could not be stored");
  return board;
}

/** The board if it is the workspace's; another workspace's board is as missing as one that never was. */
export async function findBoard(db: SqlDb, workspaceId: string, boardId: string): Promise<Board | undefined> {
  const [board] = await db
    .select()
    .from(boards)
    .where(and(eq(boards.id, boardId), eq(boards.workspaceId, workspaceId)))
    .limit(1);
  return board;
}

export async function countBoards(db: SqlDb, workspaceId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(boards).where(eq(boards.workspaceId, workspaceId));
  return row?.n ?? 0;
}

/** The workspace's boards by name, each with how many pictures it holds. */
export async function listBoards(db: SqlDb, workspaceId: string): Promise<Array<Board & { pictures: number }>> {
  const rows = await db
    .select({
      board: boards,
      pictures: sql<number>`(select count(*)::int from ${boardPictures} where ${boardPictures.boardId} = ${boards.id})`,
    })
    .from(boards)
    .where(eq(boards.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${boards.name})`));
  return rows.map((r) => ({ ...r.board, pictures: r.pictures }));
}

export async function renameBoard(db: SqlDb, board: Board, name: string, now = new Date()): Promise<Board> {
  const [renamed] = await db.update(boards).set({ name, updatedAt: now }).where(eq(boards.id, board.id)).returning();
  return renamed ?? board;
}

/** Removes the board and its list of pictures (the pictures themselves stay). */
export async function deleteBoard(db: SqlDb, boardId: string): Promise<void> {
  await db.delete(boards).where(eq(boards.id, boardId));
}

/** Puts pictures on the board, each once; how many were not on it yet. */
export async function addBoardPictures(db: SqlDb, boardId: string, refs: PictureRef[], addedBy: string, now = new Date()): Promise<number> {
  if (refs.length === 0) return 0;
  const rows = await db
    .insert(boardPictures)
    .values(refs.map((r) => ({ boardId, jobId: r.jobId, picture: r.picture, addedBy, addedAt: now })))
    .onConflictDoNothing()
    .returning({ jobId: boardPictures.jobId });
  return rows.length;
}

export async function removeBoardPictures(db: SqlDb, boardId: string, refs: PictureRef[]): Promise<number> {
  if (refs.length === 0) return 0;
  const rows = await db
    .delete(boardPictures)
    .where(
      and(
        eq(boardPictures.boardId, boardId),
        or(...refs.map((r) => and(eq(boardPictures.jobId, r.jobId), eq(boardPictures.picture, r.picture)))),
      ),
    )
    .returning({ jobId: boardPictures.jobId });
  return rows.length;
}

/** One page of the board's pictures, the last added first, after the cursor: a range of board_pictures_recent. */
export function boardPictureRows(db: SqlDb, boardId: string, opts: { limit: number; cursor?: string | null }) {
  const after = opts.cursor ? decodePictureCursor(opts.cursor) : null;
  return db
    .select({ jobId: boardPictures.jobId, picture: boardPictures.picture, addedAt: boardPictures.addedAt })
    .from(boardPictures)
    .where(
      and(
        eq(boardPictures.boardId, boardId),
        after
          ? sql`(${boardPictures.addedAt}, ${boardPictures.jobId}, ${boardPictures.picture}) < (${after.addedAt.toISOString()}::timestamptz, ${after.jobId}, ${after.picture})`
          : undefined,
      ),
    )
    .orderBy(desc(boardPictures.addedAt), desc(boardPictures.jobId), desc(boardPictures.picture))
    .limit(opts.limit);
}

/** A deleted job leaves every board. */
export async function forgetBoardPicturesOf(db: SqlDb, jobId: string): Promise<void> {
  await db.delete(boardPictures).where(eq(boardPictures.jobId, jobId));
}
