import type { JobType } from "../shared/db/mongo/job-schema.js";
import { PRICES, storageCostPerMonth } from "../shared/pricing.js";
import type { AssetKind } from "../shared/jobs/files.js";
import { type Usage, jobUsage } from "../shared/jobs/usage.js";
import type { JobsCall } from "./deps.js";
import { scopeFilter } from "./list.js";

export interface KindStats {
  jobs: number;
  completed: number;
  files: number;
  bytes: number;
  providerCostUsd: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const kindOf = {
  "image-generation": "images",
  "lora-training": "loras",
  transcription: "transcripts",
  "video-generation": "videos",
} as const satisfies Record<JobType, AssetKind>;

/**
 * Counts, stored bytes and estimated costs of the jobs in scope, by asset type: the caller's own
 * jobs, one teammate's shared jobs, or every job the caller can see in the workspace.
 */
export async function jobStats(call: JobsCall, input: { userId?: string | undefined; scope: "me" | "workspace" }) {
  const userId = input.userId ?? (input.scope === "me" ? call.principal.userId : undefined);
  const filter = await scopeFilter(call, userId);
  const byKind: Record<AssetKind, KindStats> = {
    images: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
    loras: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
    transcripts: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
    videos: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
  };
  const add = (type: JobType, status: string, n: { jobs: number } & Usage) => {
    const k = byKind[kindOf[type]];
    k.jobs += n.jobs;
    if (status === "completed") k.completed += n.jobs;
    k.files += n.files;
    k.bytes += n.bytes;
    k.providerCostUsd += n.costUsd;
  };
  // The store sums what each job's versions recorded; only documents older than that are read here.
  const { groups, legacy } = await call.deps.jobs.usageByType(filter);
  for (const g of groups) add(g.type, g.status, g);
  for await (const job of legacy) add(job.type, job.status, { jobs: 1, ...jobUsage(job) });
  const totals = Object.values(byKind).reduce(
    (t, s) => ({
      jobs: t.jobs + s.jobs,
      files: t.files + s.files,
      bytes: t.bytes + s.bytes,
      providerCostUsd: t.providerCostUsd + s.providerCostUsd,
    }),
    { jobs: 0, files: 0, bytes: 0, providerCostUsd: 0 },
  );
  for (const s of Object.values(byKind)) s.providerCostUsd = round(s.providerCostUsd);
  return {
    scope: userId ? { userId } : { workspace: call.principal.workspaceSlug },
    byType: byKind,
    totals: {
      ...totals,
      providerCostUsd: round(totals.providerCostUsd),
      storageCostUsdPerMonth: round(storageCostPerMonth(totals.bytes)),
    },
    prices: PRICES,
  };
}
