import { createTRPCClient, httpLink } from "@trpc/client";
import type { ChatActor } from "../shared/chat/actor.js";
import type { AppRouter } from "../server/trpc/router.js";

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface ApiConnection {
  /** The API's base URL, without /trpc. */
  url: string;
  /** The bot's key (`npm run cli -- keys create --bot …`). */
  key: string;
  /** Another fetch: the Slack app calls the web process it lives in without a network hop. */
  fetch?: typeof fetch;
  /** Per-call limit; a slow API turns into a clear message instead of a hung command. */
  timeoutMs?: number;
}

/**
 * The X-Request-Id a chat command's API calls carry, so the API, the queue and the delivery log
 * the command under one id. Only word characters and '-' pass the API's check (Slack's trigger
 * ids have dots).
 */
export const chatRequestId = (platform: "discord" | "slack", id: string) => `${platform}-${id.replace(/[^\w-]/g, "_")}`.slice(0, 64);

/** A typed client acting for one chat user in one guild or team, with the bot's key. */
export function apiFor(conn: ApiConnection, actor: ChatActor, requestId?: string): Api {
  const headers: Record<string, string> = {
    authorization: `Bearer ${conn.key}`,
    "x-act-in-workspace": actor.workspaceExternalId,
    "x-act-as-user": actor.externalUserId,
  };
  if (actor.displayName) headers["x-act-as-name"] = encodeURIComponent(actor.displayName);
  if (actor.admin) headers["x-act-as-admin"] = "1";
  if (actor.workspaceName) headers["x-act-in-workspace-name"] = encodeURIComponent(actor.workspaceName);
  if (requestId) headers["x-request-id"] = requestId;
  const baseFetch = conn.fetch ?? fetch;
  // Longer than the API's own wait for a PostgreSQL restart when queuing a new job (about 23 s),
  // so the bot hears how that ended rather than reporting a failure for a job that then runs.
  const timeoutMs = conn.timeoutMs ?? 30_000;
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${conn.url.replace(/\/+$/, "")}/trpc`,
        headers,
        fetch: (input, init) => baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) }),
      }),
    ],
  });
}
