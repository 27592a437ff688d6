import { TRPCClientError, createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter } from "../server/trpc/router.js";
import { ApiError, UsageError } from "./errors.js";

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

/**
 * The typed client with the CLI's key (null: none, for the public procedures); each call is
 * limited so a hung API becomes an error.
 * Subscriptions (jobs.watch) run over server-sent events: Node has no EventSource of its own,
 * and the browser's cannot send the key, so the `eventsource` package's, whose fetch adds it.
 */
export function createApi(url: string, key: string | null | undefined, timeoutMs = 30_000): Api {
  if (key === undefined || key === "")
    throw new UsageError("set API_KEY (or pass --key) to a key from `cg keys create` (npm run cli -- keys create)");
  const authorization: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL, init?: RequestInit) =>
              fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...authorization } }),
          }),
        }),
        false: httpLink({
          url: `${url}/trpc`,
          headers: authorization,
          fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
        }),
      }),
    ],
  });
}

/** Turns the client's errors into one line: the API's code and message, or why it was not reached. */
export function explainApiError(err: unknown, url: string): unknown {
  if (!(err instanceof TRPCClientError)) return err;
  const data = err.data as { code?: string; retryAfterSeconds?: number } | undefined;
  const code = data?.code;
  if (code === "SERVICE_UNAVAILABLE")
    return new ApiError(`${code}: the service is briefly unavailable; nothing was done, try again in ${data?.retryAfterSeconds ?? 5} s`);
  if (code) return new ApiError(`${code}: ${err.message}`);
  const cause = err.cause instanceof Error ? err.cause.message : err.message;
  return new ApiError(`cannot reach the API at ${url} (${cause})`);
}
