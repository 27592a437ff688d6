import type { z } from "zod";
import { boardPictures } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import { publicPicturePage } from "../picture-refs.js";
import type { boardPageInput } from "./schemas.js";
import { publicBoard } from "./view.js";

/** `boards.pictures`: the board, and a page of the pictures on it the caller may see, the last added first. */
export async function picturesHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof boardPageInput> }) {
  const { board, ...page } = await boardPictures(ctx, input.boardId, input);
  return { board: publicBoard(board), ...(await publicPicturePage(ctx, page)) };
}
