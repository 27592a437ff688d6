import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { usageLedger } from "../../../../shared/db/sql/schema.js";
import { monthRange } from "../../../../shared/usage/month.js";
import type { AuthedContext } from "../../context.js";
import type { usageInput } from "../../../../shared/usage/input.js";

type JobType = (typeof usageLedger.$inferSelect)["jobType"];

interface Totals {
  jobs: number;
  costUsd: number;
  byType: Record<JobType, { jobs: number; costUsd: number }>;
}

function emptyTotals(): Totals {
  const zero = () => ({ jobs: 0, costUsd: 0 });
  return {
    jobs: 0,
    costUsd: 0,
    byType: { "image-generation": zero(), transcription: zero(), "lora-training": zero(), "video-generation": zero() },
  };
}

/** The caller's and the workspace's finished jobs and estimated cost for one month, from the ledger. */
export async function usageHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof usageInput> }) {
  const { from, to, label } = monthRange(input.month);
  const rows = await ctx.deps.sql.db
    .select({
      userId: usageLedger.userId,
      jobType: usageLedger.jobType,
      jobs: sql<number>`count(*)::int`,
      costUsd: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)`,
    })
    .from(usageLedger)
    .where(and(eq(usageLedger.workspaceId, ctx.principal.workspaceId), gte(usageLedger.createdAt, from), lt(usageLedger.createdAt, to)))
    .groupBy(usageLedger.userId, usageLedger.jobType);
  const me = emptyTotals();
  const workspace = emptyTotals();
  for (const row of rows) {
    const cost = Number(row.costUsd);
    for (const t of row.userId === ctx.principal.userId ? [me, workspace] : [workspace]) {
      t.jobs += row.jobs;
      t.costUsd += cost;
      t.byType[row.jobType].jobs += row.jobs;
      t.byType[row.jobType].costUsd += cost;
    }
  }
  const round = (t: Totals) => ({
    ...t,
    costUsd: Math.round(t.costUsd * 1e4) / 1e4,
  });
  return { month: label, me: round(me), workspace: round(workspace), members: new Set(rows.map((r) => r.userId)).size };
}
