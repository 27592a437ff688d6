import { TRPCClientError, createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "../server/trpc/router.js";

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

/** An answer from the API a person acts on (a refusal, a missing job); printed as one line. */
export class ApiError extends Error {
  override name = "ApiError";
}

export class UsageError extends Error {
  override name = "UsageError";
}

/** The typed client with the CLI's key; each call is limited so a hung API becomes an error. */
export function createApi(url: string, key: string | undefined, timeoutMs = 30_000): Api {
  if (!key) throw new UsageError("set API_KEY (or pass --key) to a key from `npm run cli -- keys create`");
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        headers: { authorization: `Bearer ${key}` },
        fetch: (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
      }),
    ],
  });
}

/** Turns the client's errors into one line: the API's code and message, or why it was not reached. */
export function explainApiError(err: unknown, url: string): unknown {
  if (!(err instanceof TRPCClientError)) return err;
  const code = (err.data as { code?: string } | undefined)?.code;
  if (code) return new ApiError(`${code}: ${err.message}`);
  const cause = err.cause instanceof Error ? err.cause.message : err.message;
  return new ApiError(`cannot reach the API at ${url} (${cause})`);
}
