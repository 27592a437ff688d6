import { TRPCClientError } from "@trpc/client";
import { type ChatReply, notice } from "../../shared/chat/reply.js";

/** A refusal the bot makes itself, before calling the API. */
export class CommandInputError extends Error {
  override name = "CommandInputError";
}

/** Turns any failure of a command into a message that says what to do; the bots send it ephemerally. */
export function explain(err: unknown): ChatReply {
  if (err instanceof CommandInputError) return notice("That did not work", err.message);
  if (err instanceof TRPCClientError) {
    const code = (err.data as { code?: string } | undefined)?.code;
    switch (code) {
      case "BAD_REQUEST":
        return notice("That did not work", `${err.message}. Nothing was created.`);
      case "NOT_FOUND":
        return notice("Not found", err.message);
      case "FORBIDDEN":
        return notice("Not allowed", `${err.message}.`);
      case "PRECONDITION_FAILED":
      case "CONFLICT":
        return notice("Not now", err.message);
      case "TOO_MANY_REQUESTS":
        return notice("Limit reached", err.message);
      case "UNAUTHORIZED":
        return notice("The bot is not set up", "The service refused the bot's API key. Ask an admin to check DISCORD_BOT_API_KEY / SLACK_BOT_API_KEY.");
      case undefined:
        // No tRPC error body: the API did not answer at all (down, or too slow).
        return notice("The service is not reachable", "It did not answer in time. Nothing was created; try again in a minute.");
      default:
        return notice("Something went wrong", "The service failed on its side. Nothing was lost; try again in a minute.");
    }
  }
  return notice("Something went wrong", "The bot hit an unexpected error. Try again in a minute.");
}
