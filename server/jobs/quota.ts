import { TRPCError } from "@trpc/server";
import { and, eq, gte, sql } from "drizzle-orm";
import { quotas, usageLedger } from "../../shared/db/sql/schema.js";
import { monthRange } from "../../shared/usage/month.js";
import type { AuthedContext } from "../trpc/context.js";

/**
 * Refuses new work once the workspace has spent its monthly budget: the workspace's row in
 * `quotas`, else MONTHLY_COST_LIMIT_USD, else no limit. Spending is the usage ledger's estimate
 * for this calendar month (UTC); a job already running when the budget runs out still finishes.
 */
export async function assertWithinMonthlyBudget(ctx: AuthedContext, now = new Date()): Promise<void> {
  const db = ctx.deps.sql.db;
  const workspaceId = ctx.principal.workspaceId;
  const [row] = await db.select({ limit: quotas.monthlyCostLimitUsd }).from(quotas).where(eq(quotas.workspaceId, workspaceId));
  const limit = row?.limit != null ? Number(row.limit) : ctx.deps.config.limits.monthlyCostUsd;
  if (limit === undefined) return;
  const { from, to } = monthRange(undefined, now);
  const [spent] = await db
    .select({ usd: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)` })
    .from(usageLedger)
    .where(and(eq(usageLedger.workspaceId, workspaceId), gte(usageLedger.createdAt, from)));
  const usd = Number(spent?.usd ?? 0);
  if (usd < limit) return;
  const resets = to.toISOString().slice(0, 10);
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `this workspace has used its monthly budget ($${usd.toFixed(2)} of $${limit.toFixed(2)}); it renews on ${resets}, or an admin can raise it`,
  });
}
