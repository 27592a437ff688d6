import { authedProcedure, router } from "../../init.js";
import { addHandler } from "./add.handler.js";
import { listHandler } from "./list.handler.js";
import { removeHandler } from "./remove.handler.js";
import { favouriteInput, listFavouritesInput } from "./schemas.js";

/** A member's own favourite pictures, over `jobs/favourites.ts`. */
export const favouritesRouter = router({
  add: authedProcedure.input(favouriteInput).mutation(addHandler),
  remove: authedProcedure.input(favouriteInput).mutation(removeHandler),
  list: authedProcedure.input(listFavouritesInput).query(listHandler),
});
