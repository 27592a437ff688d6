import { TRPCClientError, createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter } from "../server/trpc/router.js";
import { ApiError, UsageError } from "./errors.js";

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

/** The header a service key names the member it acts for in (server/auth/authenticate.ts). */
export const ACT_AS_HEADER = "x-act-as-user";

/**
 * The typed client with the CLI's key (null: none, for the public procedures) and, for a
 * service key, the member it acts for (`--as`); each call is limited so a hung API becomes an error.
 * Subscriptions (jobs.watch) run over server-sent events: Node has no EventSource of its own,
 * and the browser's cannot send the key, so the `eventsource` package's, whose fetch adds it.
 */
export function createApi(url: string, key: string | null | undefined, opts: { actAs?: string | undefined; timeoutMs?: number } = {}): Api {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  if (key === undefined || key === "")
    throw new UsageError("set API_KEY (or pass --key) to a key from `cg keys create` (npm run cli -- keys create)");
  const authorization: Record<string, string> =
    key === null ? {} : { authorization: `Bearer ${key}`, ...(opts.actAs ? { [ACT_AS_HEADER]: opts.actAs } : {}) };
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

/**
 * What to do about a refusal that --as explains: a user key always acts as its own member (the
 * API ignores the header), and a service key acts for no one until told whom.
 */
function actAsHint(code: string, message: string, actAs: string | undefined): string {
  if (actAs && code === "FORBIDDEN")
    return "; --as acts for another member only with a service key (cg keys create --service): a user key acts as its own";
  if (!actAs && code === "UNAUTHORIZED" && message.includes(ACT_AS_HEADER)) return "; pass --as <userId>, the member it acts for";
  return "";
}

/** Turns the client's errors into one line: the API's code and message, or why it was not reached. */
export function explainApiError(err: unknown, url: string, actAs?: string): unknown {
  if (!(err instanceof TRPCClientError)) return err;
  const data = err.data as { code?: string; retryAfterSeconds?: number } | undefined;
  const code = data?.code;
  if (code === "SERVICE_UNAVAILABLE")
    return new ApiError(`${code}: the service is briefly unavailable; nothing was done, try again in ${data?.retryAfterSeconds ?? 5} s`);
  if (code) return new ApiError(`${code}: ${err.message}${actAsHint(code, err.message, actAs)}`);
  const cause = err.cause instanceof Error ? err.cause.message : err.message;
  return new ApiError(
    `cannot reach the API at ${url} (${cause}); start the stack (npm start) or point API_URL (or --api-url) at a running API`,
  );
}
