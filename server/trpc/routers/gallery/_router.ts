import { authedProcedure, router } from "../../init.js";
import { signInLinkHandler } from "./sign-in-link.handler.js";

/** The web gallery's entry: sign-in links asked for from chat or the CLI. */
export const galleryRouter = router({
  signInLink: authedProcedure.mutation(signInLinkHandler),
});
