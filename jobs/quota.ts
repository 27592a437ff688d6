import { and, eq, gte, sql } from "drizzle-orm";
import { preparedPerDb } from "../shared/db/sql/client.js";
import { quotas, usageLedger } from "../shared/db/sql/schema.js";
import { monthRange } from "../shared/usage/month.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";

/** The workspace's `quotas` row: every create asks for it. */
const quotasOf = preparedPerDb((db) =>
  db
    .select()
    .from(quotas)
    .where(eq(quotas.workspaceId, sql.placeholder("workspaceId")))
    .prepare("quotas_of_workspace"),
);

const limitOf = (row: string | number | null | undefined, fallback: number | undefined) => (row != null ? Number(row) : fallback);

/**
 * Refuses new work (429) when the caller's workspace or the caller has spent its monthly budget,
 * or has too many jobs waiting or running. Each limit is the workspace's row in `quotas`, else
 * the config's default. Spending is the usage ledger's estimate for this calendar month (UTC);
 * jobs already accepted when a limit is reached still run.
 */
export async function assertWithinLimits(call: JobsCall, now = new Date()): Promise<void> {
  const db = call.deps.sql.db;
  const { workspaceId, userId } = call.principal;
  const defaults = call.deps.config.limits;
  const monthSpend = () => spentThisMonth(call, now);
  // Every create waits for these reads: asked at once, they cost one round trip instead of three.
  // The month's spending is asked up front only when a default budget makes it needed anyway.
  const [[row], outstanding, spentUpFront] = await Promise.all([
    quotasOf(db).execute({ workspaceId }),
    call.deps.queue.outstanding({ workspaceId, userId }),
    defaults.monthlyCostUsd !== undefined || defaults.userMonthlyCostUsd !== undefined ? monthSpend() : undefined,
  ]);
  await assertBudgetLeft(call, { row, spent: spentUpFront }, now);

  const queuedPerWorkspace = limitOf(row?.maxQueuedJobs, defaults.queuedPerWorkspace) ?? Number.POSITIVE_INFINITY;
  if (outstanding.user >= defaults.queuedPerUser) {
    tooMany(
      `you already have ${outstanding.user} jobs waiting or running (the limit is ${defaults.queuedPerUser}); try again when some have finished, or cancel some`,
    );
  }
  if (outstanding.workspace >= queuedPerWorkspace) {
    tooMany(
      `this workspace already has ${outstanding.workspace} jobs waiting or running (the limit is ${queuedPerWorkspace}); try again when some have finished`,
    );
  }
}

/** This calendar month's (UTC) spending in the usage ledger: the caller's workspace's, and the caller's own there. */
async function spentThisMonth(call: JobsCall, now: Date): Promise<{ workspace: number; user: number }> {
  const { workspaceId, userId } = call.principal;
  const { from } = monthRange(undefined, now);
  const [spent] = await call.deps.sql.db
    .select({
      workspace: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)`,
      user: sql<string>`coalesce(sum(${usageLedger.costUsd}) filter (where ${usageLedger.userId} = ${userId}), 0)`,
    })
    .from(usageLedger)
    .where(and(eq(usageLedger.workspaceId, workspaceId), gte(usageLedger.createdAt, from)));
  return { workspace: Number(spent?.workspace ?? 0), user: Number(spent?.user ?? 0) };
}

type QuotasRow = Awaited<ReturnType<ReturnType<typeof quotasOf>["execute"]>>[number];

/** Refuses (429) when the workspace or the caller has spent the month's budget: before a job, or an LLM Gateway call (jobs.ask). */
export async function assertBudgetLeft(
  call: JobsCall,
  /** What the caller read already: the workspace's `quotas` row (undefined when it has none), and the month's spending. */
  known?: { row: QuotasRow | undefined; spent?: { workspace: number; user: number } | undefined },
  now = new Date(),
): Promise<void> {
  const defaults = call.deps.config.limits;
  const row = known ? known.row : (await quotasOf(call.deps.sql.db).execute({ workspaceId: call.principal.workspaceId }))[0];
  const workspaceBudget = limitOf(row?.monthlyCostLimitUsd, defaults.monthlyCostUsd);
  const userBudget = limitOf(row?.userMonthlyCostLimitUsd, defaults.userMonthlyCostUsd);
  if (workspaceBudget !== undefined || userBudget !== undefined) {
    const spent = known?.spent ?? (await spentThisMonth(call, now));
    const renews = `it renews on ${monthRange(undefined, now).to.toISOString().slice(0, 10)}`;
    if (workspaceBudget !== undefined && spent.workspace >= workspaceBudget) {
      tooMany(
        `this workspace has used its monthly budget ($${spent.workspace.toFixed(2)} of $${workspaceBudget.toFixed(2)}); ${renews}, or an admin can raise it`,
      );
    }
    if (userBudget !== undefined && spent.user >= userBudget) {
      tooMany(
        `you have used your monthly budget in this workspace ($${spent.user.toFixed(2)} of $${userBudget.toFixed(2)}); ${renews}, or an admin can raise it`,
      );
    }
  }
}

function tooMany(message: string): never {
  throw new JobsError("TOO_MANY_REQUESTS", message);
}
