import { z } from "zod";

/** Any string is accepted as an id: one that names nothing answers like one the caller may not see. */
export const jobIdInput = z.object({ jobId: z.string().min(1).max(64) });
