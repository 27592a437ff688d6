import { z } from "zod";

/** `usage.get`'s input, checked by the API and, before it asks, by the CLI. */
export const usageInput = z
  .strictObject({
    /** A calendar month as YYYY-MM (UTC); the current one when omitted. */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month like 2026-11")
      .optional(),
  })
  .default({});

/** `usage.history`'s input. */
export const usageHistoryInput = z
  .strictObject({
    /** How many calendar months, ending with the current one (UTC). */
    months: z.number().int().min(1).max(24).default(12),
  })
  .default({ months: 12 });
