import type { z } from "zod";
import { removeFromBoard } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import type { boardPicturesInput } from "./schemas.js";

/** `boards.remove`: the pictures come off the board (they are not deleted); `removed` counts those that were on it. */
export async function removeHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof boardPicturesInput> }) {
  return removeFromBoard(ctx, input.boardId, input.pictures);
}
