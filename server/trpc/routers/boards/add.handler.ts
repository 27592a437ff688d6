import type { z } from "zod";
import { addToBoard } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import type { boardPicturesInput } from "./schemas.js";

/** `boards.add`: pictures the caller may see go on the board, each once; `added` counts those not on it before. */
export async function addHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof boardPicturesInput> }) {
  return addToBoard(ctx, input.boardId, input.pictures);
}
