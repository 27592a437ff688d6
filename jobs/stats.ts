import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { PRICES, imageCost, storageCostPerMonth, transcriptionCost } from "../shared/pricing.js";
import { type AssetKind, jobFiles } from "../shared/jobs/files.js";
import type { JobsCall } from "./deps.js";
import { scopeFilter } from "./list.js";

interface KindStats {
  jobs: number;
  completed: number;
  files: number;
  bytes: number;
  providerCostUsd: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function providerCost(job: Pick<JobDocument, "versions">): number {
  let cost = 0;
  for (const v of job.versions) {
    if ("images" in v) for (const img of v.images) cost += imageCost(img.width, img.height);
    else if ("modelUrl" in v) cost += PRICES.loraTrainingRun * (v.trainingRuns ?? 1);
    else cost += transcriptionCost(v.duration);
  }
  return cost;
}

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
  };
  const kindOf = { "image-generation": "images", "lora-training": "loras", transcription: "transcripts" } as const;
  for await (const job of call.deps.jobs.summaries(filter)) {
    const s = byKind[kindOf[job.type]];
    s.jobs++;
    if (job.status === "completed") s.completed++;
    const files = jobFiles(job);
    s.files += files.length;
    s.bytes += files.reduce((sum, f) => sum + (f.sizeBytes ?? 0), 0);
    for (const v of job.versions) if ("wordCount" in v && v.sizeBytes) s.bytes += v.sizeBytes;
    s.providerCostUsd += providerCost(job);
  }
  const totals = Object.values(byKind).reduce(
    (t, s) => ({ jobs: t.jobs + s.jobs, files: t.files + s.files, bytes: t.bytes + s.bytes, providerCostUsd: t.providerCostUsd + s.providerCostUsd }),
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
