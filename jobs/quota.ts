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
  const { from, to } = monthRange(undefined, now);
  const monthSpend = async () => {
    const [spent] = await db
      .select({
        workspace: sql<string>`coalesce(sum(${usageLedger.costUsd}), 0)`,
        user: sql<string>`coalesce(sum(${usageLedger.costUsd}) filter (where ${usageLedger.userId} = ${userId}), 0)`,
      })
      .from(usageLedger)
      .where(and(eq(usageLedger.workspaceId, workspaceId), gte(usageLedger.createdAt, from)));
    return { workspace: Number(spent?.workspace ?? 0), user: Number(spent?.user ?? 0) };
  };
  // Every create waits for these reads: asked at once, they cost one round trip instead of three.
  // The month's spending is asked up front only when a default budget makes it needed anyway.
  const [[row], outstanding, spentUpFront] = await Promise.all([
    quotasOf(db).execute({ workspaceId }),
    call.deps.queue.outstanding({ workspaceId, userId }),
    defaults.monthlyCostUsd !== undefined || defaults.userMonthlyCostUsd !== undefined ? monthSpend() : undefined,
  ]);
  const workspaceBudget = limitOf(row?.monthlyCostLimitUsd, defaults.monthlyCostUsd);
  const userBudget = limitOf(row?.userMonthlyCostLimitUsd, defaults.userMonthlyCostUsd);

  if (workspaceBudget !== undefined || userBudget !== undefined) {
    const spent = spentUpFront ?? (await monthSpend());
    const renews = `it renews on ${to.toISOString().slice(0, 10)}`;
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

function tooMany(message: string): never {
  throw new JobsError("TOO_MANY_REQUESTS", message);
}
