import { authedProcedure, router } from "../../init.js";
import { addHandler } from "./add.handler.js";
import { createHandler } from "./create.handler.js";
import { deleteHandler } from "./delete.handler.js";
import { listHandler } from "./list.handler.js";
import { picturesHandler } from "./pictures.handler.js";
import { removeHandler } from "./remove.handler.js";
import { renameHandler } from "./rename.handler.js";
import { boardIdInput, boardPageInput, boardPicturesInput, createBoardInput, renameBoardInput } from "./schemas.js";

/** A workspace's shared boards of pictures, over `jobs/boards.ts`. */
export const boardsRouter = router({
  create: authedProcedure.input(createBoardInput).mutation(createHandler),
  rename: authedProcedure.input(renameBoardInput).mutation(renameHandler),
  delete: authedProcedure.input(boardIdInput).mutation(deleteHandler),
  list: authedProcedure.query(listHandler),
  add: authedProcedure.input(boardPicturesInput).mutation(addHandler),
  remove: authedProcedure.input(boardPicturesInput).mutation(removeHandler),
  pictures: authedProcedure.input(boardPageInput).query(picturesHandler),
});
