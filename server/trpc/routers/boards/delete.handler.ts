import type { z } from "zod";
import { deleteBoard } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import type { boardIdInput } from "./schemas.js";

/** `boards.delete`: its creator or a workspace admin deletes the board; its pictures stay where they are. */
export async function deleteHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof boardIdInput> }) {
  return deleteBoard(ctx, input.boardId);
}
