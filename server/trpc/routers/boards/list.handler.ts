import { listBoards } from "../../../../jobs/boards.js";
import type { AuthedContext } from "../../context.js";
import { publicBoard } from "./view.js";

/** `boards.list`: every board of the caller's workspace by name, with how many pictures each holds. */
export async function listHandler({ ctx }: { ctx: AuthedContext }) {
  return { items: (await listBoards(ctx)).map((b) => publicBoard(b, b.pictures)) };
}
