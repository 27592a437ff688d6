import type { Board } from "../../../../shared/db/sql/boards.js";

/** A board as the API shows it. */
export function publicBoard(board: Board, pictures?: number) {
  return {
    boardId: board.id,
    name: board.name,
    createdBy: board.createdBy,
    createdAt: board.createdAt.toISOString(),
    updatedAt: board.updatedAt.toISOString(),
    ...(pictures === undefined ? {} : { pictures }),
  };
}
