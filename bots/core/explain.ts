import { TRPCClientError } from "@trpc/client";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { CommandInputError } from "../../shared/chat/input-error.js";
import { inputText, refusalText } from "../../shared/chat/locale/refusals.js";
import { unavailableText } from "../../shared/chat/locale/unavailable.js";
import { type ChatReply, notice } from "../../shared/chat/reply.js";

/** Seconds the API asked to wait (its error body carries them beside the Retry-After header); 5 when it gave none. */
function retryAfterOf(err: { data?: unknown }): number {
  const seconds = (err.data as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === "number" && seconds > 0 ? Math.ceil(seconds) : 5;
}

export { CommandInputError };

/** Turns any failure of a command into a message in the user's language that says what to do; the bots send it ephemerally. */
export function explain(err: unknown, locale: ChatLocale = "en"): ChatReply {
  const t = refusalText[locale];
  if (err instanceof CommandInputError) return notice(t.titles.didNotWork, err.say(inputText[locale]));
  if (err instanceof TRPCClientError) {
    const code = (err.data as { code?: string } | undefined)?.code;
    switch (code) {
      case "BAD_REQUEST":
        return notice(t.titles.didNotWork, t.api.badRequest(err.message));
      case "NOT_FOUND":
        return notice(t.titles.notFound, t.api.said(err.message));
      case "FORBIDDEN":
        return notice(t.titles.notAllowed, t.api.forbidden(err.message));
      case "PRECONDITION_FAILED":
      case "CONFLICT":
        return notice(t.titles.notNow, t.api.said(err.message));
      case "TOO_MANY_REQUESTS":
        return notice(t.titles.limitReached, t.api.said(err.message));
      case "SERVICE_UNAVAILABLE":
        return notice(unavailableText[locale].title, unavailableText[locale].line(retryAfterOf(err)));
      case "UNAUTHORIZED":
        return notice(t.titles.notSetUp, t.notSetUp);
      case undefined:
        // No tRPC error body: the API did not answer at all (down, or too slow).
        return notice(t.titles.unreachable, t.unreachable);
      default:
        return notice(t.titles.wentWrong, t.serviceFailed);
    }
  }
  return notice(t.titles.wentWrong, t.botFailed);
}
