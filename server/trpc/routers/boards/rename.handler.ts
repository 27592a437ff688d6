import type { z } from "zod";
import { renameBoard } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import type { renameBoardInput } from "./schemas.js";
import { publicBoard } from "./view.js";

/** `boards.rename`: its creator or a workspace admin gives the board another name. */
export async function renameHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof renameBoardInput> }) {
  return publicBoard(await renameBoard(ctx, input.boardId, input.name));
}
