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

export const dependencyUnavailable = new Counter({
  name: "dependency_unavailable_total",
  help: "Requests answered 503 because a store was down (postgresql, mongodb, s3), by store",
  labelNames: ["dependency"],
  registers: [processRegistry],
});
