import type { createApp } from "../../server/app.js";

type App = ReturnType<typeof createApp>;

export interface Answer {
  status: number;
  body: { error?: { code?: string; message?: string; json?: unknown }; result?: { data: unknown } } & Record<string, unknown>;
}

const headersFor = (key: string | undefined, extra: Record<string, string> = {}) => ({
  ...(key ? { authorization: `Bearer ${key}` } : {}),
  ...extra,
});

/** Calls a tRPC procedure over HTTP the way the official client does (GET for queries, POST for mutations). */
export async function trpcCall(
  app: App,
  key: string | undefined,
  path: string,
  input: unknown,
  kind: "query" | "mutation",
  extra?: Record<string, string>,
): Promise<Answer> {
  const res =
    kind === "query"
      ? await app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: headersFor(key, extra) })
      : await app.request(`/trpc/${path}`, {
          method: "POST",
          headers: { ...headersFor(key, extra), "content-type": "application/json" },
          body: JSON.stringify(input),
        });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

export async function restGet(app: App, key: string | undefined, path: string): Promise<Answer> {
  const res = await app.request(path, { headers: headersFor(key) });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

/** The result of a successful tRPC call; fails the test with the error when there is none. */
export function dataOf<T>(answer: Answer): T {
  if (!answer.body.result) throw new Error(`expected data, got ${answer.status} ${JSON.stringify(answer.body.error)}`);
  return answer.body.result.data as T;
}
