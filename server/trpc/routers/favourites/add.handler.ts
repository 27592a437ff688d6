import type { z } from "zod";
import { addFavourite } from "../../../../jobs/favourites.js";
import type { AuthedContext } from "../../context.js";
import type { favouriteInput } from "./schemas.js";

/** `favourites.add`: a picture the caller may see becomes one of their favourites; adding it twice changes nothing. */
export async function addHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof favouriteInput> }) {
  return addFavourite(ctx, input);
}
