import { eq, sql } from "drizzle-orm";
import type { JobType } from "../../shared/db/mongo/job-schema.js";
import { quotas } from "../../shared/db/sql/schema.js";
import type { Config } from "../../shared/config.js";
import type { Sql } from "../../shared/db/sql/client.js";
import { BOSS_SCHEMA, WORK_QUEUES } from "../queues.js";

/** Why a job taken from the queue must wait, or null when it may run now. */
export type RunLimit = null | { scope: "user" | "workspace"; limit: number };

/**
 * Whether a job just taken from its queue may run under the limits on running jobs: per member
 * and job type (one LoRA training, three generations…) and per workspace (all types). It
 * counts pg-boss's own active jobs of the same group, so places held by a worker that died free
 * themselves when pg-boss stops counting its jobs active. Jobs rank by when they started: two
 * workers checking at once see the same jobs and agree which one is over the limit.
 */
export async function runLimitFor(
  deps: { config: Pick<Config, "limits">; sql: Sql },
  type: JobType,
  job: { id: string; groupId?: string | null },
): Promise<RunLimit> {
  const group = job.groupId;
  if (!group) return null;
  const workspaceId = group.slice(0, group.indexOf(":"));
  const perUser = deps.config.limits.runningPerUser[type];
  const [row] = await deps.sql.db.select({ max: quotas.maxConcurrentJobs }).from(quotas).where(eq(quotas.workspaceId, workspaceId));
  const perWorkspace = row?.max ?? deps.config.limits.runningPerWorkspace;
  const ahead = await deps.sql.db.execute<{ user: number; workspace: number }>(sql`
    WITH me AS (SELECT started_on, id FROM ${sql.identifier(BOSS_SCHEMA)}.job WHERE name = ${type} AND id = ${job.id})
    SELECT count(*) FILTER (WHERE j.name = ${type} AND j.group_id = ${group})::int AS "user", count(*)::int AS workspace
      FROM ${sql.identifier(BOSS_SCHEMA)}.job j, me
     WHERE j.name IN (${sql.join(
       Object.keys(WORK_QUEUES).map((name) => sql`${name}`),
       sql`, `,
     )}) AND j.state = 'active' AND starts_with(j.group_id, ${`${workspaceId}:`})
       AND (j.started_on, j.id) < (me.started_on, me.id)`);
  const counts = ahead.rows[0] ?? { user: 0, workspace: 0 };
  if (counts.user >= perUser) return { scope: "user", limit: perUser };
  if (counts.workspace >= perWorkspace) return { scope: "workspace", limit: perWorkspace };
  return null;
}
