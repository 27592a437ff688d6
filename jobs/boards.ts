import { findMember } from "../shared/db/sql/accounts.js";
import * as store from "../shared/db/sql/boards.js";
import type { PictureRef } from "../shared/db/sql/picture-rows.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { type PicturePage, loadVisiblePictures, picturePage } from "./pictures.js";

/** Boards a workspace may have: boards.list answers all of them at once. */
export const MAX_BOARDS_PER_WORKSPACE = 200;

/**
 * A workspace's boards: every member sees each one and puts pictures on it or takes them off; only
 * its creator or a workspace owner or admin renames or deletes it. A picture on a board shows to
 * those who may see it, so a member's private picture on a shared board stays theirs alone.
 */
const boardNotFound = (boardId: string) => new JobsError("NOT_FOUND", `board ${boardId} was not found`);

async function loadBoard(call: JobsCall, boardId: string): Promise<store.Board> {
  const board = await store.findBoard(call.deps.sql.db, call.principal.workspaceId, boardId);
  if (!board) throw boardNotFound(boardId);
  return board;
}

async function loadOwnBoard(call: JobsCall, boardId: string, doing: string): Promise<store.Board> {
  const board = await loadBoard(call, boardId);
  if (board.createdBy === call.principal.userId) return board;
  const member = await findMember(call.deps.sql.db, call.principal.workspaceId, call.principal.userId);
  if (member?.role === "owner" || member?.role === "admin") return board;
  throw new JobsError("FORBIDDEN", `only the board's creator (${board.createdBy}) or a workspace admin can ${doing} it`);
}

const nameTaken = (name: string) => new JobsError("CONFLICT", `there is a board named "${name}" already`);

export async function createBoard(call: JobsCall, name: string): Promise<store.Board> {
  const db = call.deps.sql.db;
  if ((await store.countBoards(db, call.principal.workspaceId)) >= MAX_BOARDS_PER_WORKSPACE)
    throw new JobsError("PRECONDITION_FAILED", `a workspace has at most ${MAX_BOARDS_PER_WORKSPACE} boards; delete one first`);
  try {
    return await store.createBoard(db, { workspaceId: call.principal.workspaceId, name, createdBy: call.principal.userId });
  } catch (err) {
    if (store.isDuplicateName(err)) throw nameTaken(name);
    throw err;
  }
}

export async function renameBoard(call: JobsCall, boardId: string, name: string): Promise<store.Board> {
  const board = await loadOwnBoard(call, boardId, "rename");
  try {
    return await store.renameBoard(call.deps.sql.db, board, name);
  } catch (err) {
    if (store.isDuplicateName(err)) throw nameTaken(name);
    throw err;
  }
}

export async function deleteBoard(call: JobsCall, boardId: string): Promise<{ boardId: string; deleted: true }> {
  await loadOwnBoard(call, boardId, "delete");
  await store.deleteBoard(call.deps.sql.db, boardId);
  call.deps.logger.info({ requestId: call.requestId, boardId }, "board deleted");
  return { boardId, deleted: true };
}

export function listBoards(call: JobsCall) {
  return store.listBoards(call.deps.sql.db, call.principal.workspaceId);
}

/** Puts pictures the caller may see on the board; one they may not see refuses the whole call, and nothing is added. */
export async function addToBoard(call: JobsCall, boardId: string, refs: PictureRef[]): Promise<{ added: number }> {
  const board = await loadBoard(call, boardId);
  await loadVisiblePictures(call, refs);
  return { added: await store.addBoardPictures(call.deps.sql.db, board.id, refs, call.principal.userId) };
}

export async function removeFromBoard(call: JobsCall, boardId: string, refs: PictureRef[]): Promise<{ removed: number }> {
  const board = await loadBoard(call, boardId);
  return { removed: await store.removeBoardPictures(call.deps.sql.db, board.id, refs) };
}

export async function boardPictures(
  call: JobsCall,
  boardId: string,
  q: { limit: number; cursor?: string | null | undefined },
): Promise<{ board: store.Board } & PicturePage> {
  const board = await loadBoard(call, boardId);
  const page = await picturePage(call, q.limit, (limit) =>
    store.boardPictureRows(call.deps.sql.db, board.id, { limit, cursor: q.cursor ?? null }),
  );
  return { board, ...page };
}
