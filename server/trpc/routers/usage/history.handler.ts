import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { z } from "zod";
import { quotas, usageLedger } from "../../../../shared/db/sql/schema.js";
import { monthRange } from "../../../../shared/usage/month.js";
import type { AuthedContext } from "../../context.js";
import type { usageHistoryInput } from "../../../../shared/usage/input.js";

type JobType = (typeof usageLedger.$inferSelect)["jobType"];
type ByType = Record<JobType, { jobs: number; costUsd: number }>;

const emptyByType = (): ByType => ({
  "image-generation": { jobs: 0, costUsd: 0 },
  transcription: { jobs: 0, costUsd: 0 },
  "lora-training": { jobs: 0, costUsd: 0 },
  "video-generation": { jobs: 0, costUsd: 0 },
});
const cents = (n: number) => Math.round(n * 1e4) / 1e4;

/**
 * The workspace's spend from the usage ledger: each of the last months by job type, and this
 * month by member and type, beside the workspace's and each member's monthly budget. A
 * workspace's members share what it spends, as the chat's /usage already shows its totals.
 */
export async function usageHistoryHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof usageHistoryInput> }) {
  const now = new Date();
  const current = monthRange(undefined, now);
  const first = new Date(Date.UTC(current.from.getUTCFullYear(), current.from.getUTCMonth() - (input.months - 1), 1));
  const ws = ctx.principal.workspaceId;
  const month = sql<string>`to_char(date_trunc('month', ${usageLedger.createdAt} at time zone 'UTC'), 'YYYY-MM')`;
  const [byMonth, byMember, [quota]] = await Promise.all([
    ctx.deps.sql.db
      .select({
        month,
        jobType: usageLedger.jobType,
        jobs: sql<number>`count(*)::int`,
        costUsd: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)`,
      })
      .from(usageLedger)
      .where(and(eq(usageLedger.workspaceId, ws), gte(usageLedger.createdAt, first), lt(usageLedger.createdAt, current.to)))
      .groupBy(month, usageLedger.jobType),
    ctx.deps.sql.db
      .select({
        userId: usageLedger.userId,
        jobType: usageLedger.jobType,
        jobs: sql<number>`count(*)::int`,
        costUsd: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)`,
      })
      .from(usageLedger)
      .where(and(eq(usageLedger.workspaceId, ws), gte(usageLedger.createdAt, current.from), lt(usageLedger.createdAt, current.to)))
      .groupBy(usageLedger.userId, usageLedger.jobType),
    ctx.deps.sql.db.select().from(quotas).where(eq(quotas.workspaceId, ws)).limit(1),
  ]);

  const months = Array.from({ length: input.months }, (_, i) => {
    const label = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1)).toISOString().slice(0, 7);
    return { month: label, jobs: 0, costUsd: 0, byType: emptyByType() };
  });
  for (const r of byMonth) {
    const m = months.find((x) => x.month === r.month);
    if (!m) continue;
    const cost = Number(r.costUsd);
    m.jobs += r.jobs;
    m.costUsd = cents(m.costUsd + cost);
    m.byType[r.jobType] = { jobs: r.jobs, costUsd: cents(cost) };
  }
  const members = new Map<string, { userId: string; jobs: number; costUsd: number; byType: ByType }>();
  for (const r of byMember) {
    const m = members.get(r.userId) ?? { userId: r.userId, jobs: 0, costUsd: 0, byType: emptyByType() };
    const cost = Number(r.costUsd);
    m.jobs += r.jobs;
    m.costUsd = cents(m.costUsd + cost);
    m.byType[r.jobType] = { jobs: r.jobs, costUsd: cents(cost) };
    members.set(r.userId, m);
  }
  const defaults = ctx.deps.config.limits;
  // The same rule jobs.create applies (jobs/quota.ts): the workspace's row, else the config's default.
  const budget = (row: string | null | undefined, fallback: number | undefined) => (row != null ? Number(row) : (fallback ?? null));
  return {
    month: current.label,
    months,
    members: [...members.values()].sort((a, b) => b.costUsd - a.costUsd || a.userId.localeCompare(b.userId)),
    budgets: {
      workspaceMonthlyUsd: budget(quota?.monthlyCostLimitUsd, defaults.monthlyCostUsd),
      memberMonthlyUsd: budget(quota?.userMonthlyCostLimitUsd, defaults.userMonthlyCostUsd),
    },
  };
}
