import { z } from "zod";

export const usageInput = z
  .strictObject({
    /** A calendar month as YYYY-MM (UTC); the current one when omitted. */
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month like 2026-11")
      .optional(),
  })
  .default({});
