import { z } from "zod";

export const retrainJobInput = z.object({
  jobId: z.string().min(1).max(64),
  /** Training steps for the new version; omitted keeps the last run's. */
  steps: z.number().int().min(100).max(10_000).optional(),
});
