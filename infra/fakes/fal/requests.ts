import { randomBytes } from "node:crypto";

/** How a request ended in an error: a model error (4xx, `detail[]`) or a request error (5xx, `detail` and `error_type`). */
export interface FalRequestError {
  status: number;
  body: { detail: unknown; error_type?: string };
}

export interface FakeRequest {
  id: string;
  /** The endpoint id it was submitted to, e.g. fal-ai/flux-pro/v1.1. */
  app: string;
  /** The input as sent; a seed is its exact decimal text. */
  input: Record<string, unknown>;
  submittedAt: number;
  /** A cancel was asked for (PUT …/cancel answered CANCELLATION_REQUESTED). */
  canceled: boolean;
  /**
   * Where the request was when canceled: still queued (fal removes it, it never runs), or running
   * (fal only signals the runner, and the model app decides how to stop; these run to the end).
   * Absent in requests stored before it was kept: removed, as then.
   */
  canceledWhile?: "queued" | "running";
  webhook?: string;
  webhookDelivered?: boolean;
  result?: unknown;
  error?: FalRequestError;
}

/** The documented model errors and request errors, ready for failRequests. */
export const falErrors = {
  /** A model error: the input passed the schema but the model refused it. */
  invalidInput: {
    status: 422,
    body: { detail: [{ loc: ["body", "prompt"], msg: "The prompt could not be processed", type: "value_error" }] },
  },
  /** A request error after fal's own retries: the runner took too long. */
  requestTimeout: { status: 504, body: { detail: "Request timed out", error_type: "request_timeout" } },
  /** A request error: no runner could be allocated. */
  noRunner: { status: 503, body: { detail: "No runner could be allocated", error_type: "runner_scheduling_failure" } },
} satisfies Record<string, FalRequestError>;

/** A request fal took out of its queue before it ran: canceled while queued. */
export const removedFromQueue = (r: FakeRequest) => r.canceled && r.canceledWhile !== "running";

/**
 * Where a request is in fal's queue. One removed from the queue by a cancel is COMPLETED at once
 * (fal's statuses are IN_QUEUE, IN_PROGRESS and COMPLETED only), and its result says it did not
 * run; one canceled while running goes on until it finishes.
 */
export function queueStatus(r: FakeRequest, processingMs: number, now = Date.now()): "IN_QUEUE" | "IN_PROGRESS" | "COMPLETED" {
  if (removedFromQueue(r)) return "COMPLETED";
  const elapsed = now - r.submittedAt;
  if (elapsed >= processingMs) return "COMPLETED";
  return elapsed < processingMs / 3 ? "IN_QUEUE" : "IN_PROGRESS";
}

/** A seed like fal's own (e.g. 196619188014358660): 60 random bits, most of them beyond a double's 53. */
export const randomSeed = () => (randomBytes(8).readBigUInt64BE() >> 4n).toString();

/** JSON with the seed written as the exact number it is (JSON.rawJSON, Node 22+). */
export function jsonWithExactSeed(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) =>
    key === "seed" && typeof v === "string" && /^\d+$/.test(v) ? (JSON as unknown as { rawJSON(t: string): unknown }).rawJSON(v) : v,
  );
}

/** A stored result as fal answers it: without what the emulator keeps for itself. */
export function publicResult(result: unknown) {
  const { _config, ...rest } = result as Record<string, unknown>;
  return rest;
}
