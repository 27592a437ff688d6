import { providerCallSeconds, providerErrors } from "../../shared/metrics/process.js";

/**
 * Provider calls, timed and bounded: each one is observed in the process's provider metrics
 * (latency, errors by outcome) and gives up after its timeout.
 */

function outcomeOf(err: unknown): string {
  const status = typeof err === "object" && err && "status" in err ? Number((err as { status: unknown }).status) : undefined;
  if (status !== undefined && status >= 500) return "server_error";
  if (status !== undefined && status >= 400) return "client_error";
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return "timeout";
  return "network_error";
}

/**
 * Times a provider call and gives up on it after `timeoutMs`, for SDK calls that take no
 * signal of their own; a call past its time fails with a TimeoutError and is retried as a
 * transient failure.
 */
export async function providerCall<T>(provider: string, operation: string, call: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const stop = providerCallSeconds.startTimer({ provider, operation });
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      call(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error(`${provider} ${operation} took longer than ${timeoutMs} ms`), { name: "TimeoutError" })),
          timeoutMs,
        );
      }),
    ]);
    stop({ outcome: "ok" });
    return result;
  } catch (err) {
    const outcome = outcomeOf(err);
    stop({ outcome });
    providerErrors.inc({ provider, operation, outcome });
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** The method and URL of a fetch call, however the caller passed them. */
export function requestOf(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): { method: string; url: URL } {
  const url = new URL(input instanceof Request ? input.url : String(input));
  return { url, method: (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase() };
}

/**
 * A fetch for a provider's SDK that times each call and bounds it with a timeout. The
 * operation is named from the URL's shape, never from ids in it.
 */
export function providerFetch(provider: string, operationOf: (method: string, url: URL) => string, timeoutMs = 60_000): typeof fetch {
  return async (input, init) => {
    const { method, url } = requestOf(input, init);
    const operation = operationOf(method, url);
    const stop = providerCallSeconds.startTimer({ provider, operation });
    try {
      const res = await fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
      const outcome = res.status >= 500 ? "server_error" : res.status >= 400 ? "client_error" : "ok";
      stop({ outcome });
      if (outcome !== "ok") providerErrors.inc({ provider, operation, outcome });
      return res;
    } catch (err) {
      const outcome = outcomeOf(err);
      stop({ outcome });
      providerErrors.inc({ provider, operation, outcome });
      throw err;
    }
  };
}
