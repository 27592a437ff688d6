import { authedProcedure, router } from "../../init.js";
import { signInLinkHandler } from "./sign-in-link.handler.js";
import { signInLinkInput } from "./sign-in-link.schema.js";

/** The web gallery's entry: sign-in links asked for from chat or the CLI. */
export const galleryRouter = router({
  signInLink: authedProcedure.input(signInLinkInput).mutation(signInLinkHandler),
});
