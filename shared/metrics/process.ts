import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/**
 * Metrics every process records about its own work: provider calls, bytes written to S3 and
 * chat acknowledgements, with the process's runtime metrics. The web process serves them with
 * its HTTP metrics at /metrics; the worker and the bot serve them on METRICS_PORT.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry });

export const providerCallSeconds = new Histogram({
  name: "provider_call_duration_seconds",
  help: "Calls to fal and AssemblyAI by operation and outcome (ok, client_error, server_error, timeout, network_error)",
  labelNames: ["provider", "operation", "outcome"],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [processRegistry],
});

export const providerErrors = new Counter({
  name: "provider_call_errors_total",
  help: "Provider calls that failed, by operation and outcome",
  labelNames: ["provider", "operation", "outcome"],
  registers: [processRegistry],
});

export const s3BytesWritten = new Counter({
  name: "s3_bytes_written_total",
  help: "Bytes the workers stored in S3, by key prefix (generated-images, transcripts, loras, datasets)",
  labelNames: ["prefix"],
  registers: [processRegistry],
});

export const chatAckSeconds = new Histogram({
  name: "chat_ack_duration_seconds",
  help: "From a chat request's arrival to its acknowledgement (Slack ack, Discord deferral)",
  labelNames: ["platform", "kind"],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
  registers: [processRegistry],
});

export const chatAcks = new Counter({
  name: "chat_acks_total",
  help: "Chat requests acknowledged in time, or not (late: past the platform's 3 s)",
  labelNames: ["platform", "kind", "outcome"],
  registers: [processRegistry],
});

/** Records one acknowledgement: its latency, and whether it came within the platform's 3 s. */
export function recordChatAck(platform: "discord" | "slack", kind: string, seconds: number): void {
  chatAckSeconds.observe({ platform, kind }, seconds);
  chatAcks.inc({ platform, kind, outcome: seconds <= 3 ? "in_time" : "late" });
}

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
        timer = setTimeout(() => reject(Object.assign(new Error(`${provider} ${operation} took longer than ${timeoutMs} ms`), { name: "TimeoutError" })), timeoutMs);
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
