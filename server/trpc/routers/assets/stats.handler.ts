import type { z } from "zod";
import { jobStats } from "../../../../jobs/stats.js";
import type { AuthedContext } from "../../context.js";
import type { statsInput } from "./schemas.js";

export const statsHandler = ({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof statsInput> }) => jobStats(ctx, input);
