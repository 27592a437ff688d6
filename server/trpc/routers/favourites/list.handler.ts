import type { z } from "zod";
import { listFavourites } from "../../../../jobs/favourites.js";
import type { AuthedContext } from "../../context.js";
import { publicPicturePage } from "../picture-refs.js";
import type { listFavouritesInput } from "./schemas.js";

/** `favourites.list`: the caller's favourite pictures, the newest favourite first, a page at a time. */
export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof listFavouritesInput> }) {
  return publicPicturePage(ctx, await listFavourites(ctx, input));
}
