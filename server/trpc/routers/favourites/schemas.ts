import { z } from "zod";
import { picturePageInput } from "../picture-refs.js";

export { pictureRef as favouriteInput } from "../picture-refs.js";

export const listFavouritesInput = z.strictObject(picturePageInput).default({ limit: 20 });
