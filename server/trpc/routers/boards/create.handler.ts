import type { z } from "zod";
import { createBoard } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import type { createBoardInput } from "./schemas.js";
import { publicBoard } from "./view.js";

/** `boards.create`: a board of the caller's workspace; a name in use there already is a conflict. */
export async function createHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof createBoardInput> }) {
  return publicBoard(await createBoard(ctx, input.name), 0);
}
