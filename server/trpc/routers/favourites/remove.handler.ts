import type { z } from "zod";
import { removeFavourite } from "../../../../jobs/favourites.js";
import type { AuthedContext } from "../../context.js";
import type { favouriteInput } from "./schemas.js";

/** `favourites.remove`: the picture leaves the caller's favourites; `removed` is false when it was not one. */
export async function removeHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof favouriteInput> }) {
  return removeFavourite(ctx, input);
}
