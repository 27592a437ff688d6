import { z } from "zod";

export const usageHistoryInput = z
  .strictObject({
    /** How many calendar months, ending with the current one (UTC). */
    months: z.number().int().min(1).max(24).default(12),
  })
  .default({ months: 12 });
