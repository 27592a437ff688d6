import { TRPCError } from "@trpc/server";
import { inViewerLocale } from "./locale/current.js";
import { type RefusalText, refusalText } from "./locale/refusal-text.js";

/**
 * A gallery route's own refusal, written in the viewer's language: its problem page shows it as it
 * is, where a procedure's refusal is quoted as the API's English. Same codes, same statuses.
 */
export class PageRefusal extends TRPCError {
  constructor(code: TRPCError["code"], say: (text: RefusalText) => string) {
    super({ code, message: say(inViewerLocale(refusalText)) });
  }
}
