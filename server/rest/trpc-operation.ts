import type { z } from "zod";

/** One tRPC procedure as the OpenAPI document describes it. */
export interface TrpcOperation {
  /** The procedure's path in the router, e.g. jobs.create. */
  path: string;
  summary: string;
  description: string;
  /** What `result.data` holds, when the document names its shape. */
  response?: z.ZodType;
  /** Refusals beyond the ones every procedure may answer (400, 401, 429, 503). */
  refusals?: Array<"403" | "404" | "409" | "412">;
  /** Callable without a key. */
  public?: boolean;
}
