import type { JobType } from "../../shared/db/mongo/job-schema.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import type { WorkerDeps } from "../worker-deps.js";

/** One usage row per job, however often the job ran: the job id is unique in the ledger. */
export async function recordUsage(
  deps: WorkerDeps,
  job: {
    jobId: string;
    workspaceId?: string | undefined;
    userId: string;
    type: JobType;
    delivery?: { channelId: string; parentChannelId?: string | undefined } | undefined;
  },
  costUsd: number,
  units: Record<string, number>,
  /** Runs after the first of the same job (retraining v2, v3 …) are charged once each. */
  version = 1,
): Promise<void> {
  if (!job.workspaceId) return;
  await deps.sql.db
    .insert(usageLedger)
    .values({
      workspaceId: job.workspaceId,
      userId: job.userId,
      jobId: version > 1 ? `${job.jobId}/v${version}` : job.jobId,
      jobType: job.type,
      costUsd: costUsd.toFixed(6),
      units,
      // A thread's job counts toward its channel's budget.
      ...(job.delivery ? { channelId: job.delivery.parentChannelId ?? job.delivery.channelId } : {}),
    })
    .onConflictDoNothing({ target: usageLedger.jobId });
}
