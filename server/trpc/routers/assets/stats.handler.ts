import type { z } from "zod";
import type { JobDocument } from "../../../../shared/db/mongo/job-schema.js";
import { PRICES, imageCost, storageCostPerMonth, transcriptionCost } from "../../../../shared/pricing.js";
import { type AssetKind, jobFiles } from "../../../../shared/jobs/files.js";
import { scopeFilter } from "../../../jobs/scope.js";
import type { AuthedContext } from "../../context.js";
import type { statsInput } from "./schemas.js";

interface KindStats {
  jobs: number;
  completed: number;
  files: number;
  bytes: number;
  providerCostUsd: number;
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function providerCost(job: JobDocument): number {
  let cost = 0;
  for (const v of job.versions) {
    if ("images" in v) for (const img of v.images) cost += imageCost(img.width, img.height);
    else if ("modelUrl" in v) cost += PRICES.loraTrainingRun * (v.trainingRuns ?? 1);
    else cost += transcriptionCost(v.duration);
  }
  return cost;
}

/** Counts, stored bytes and estimated costs of the jobs in scope, by asset type. */
export async function statsHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof statsInput> }) {
  const userId = input.userId ?? (input.scope === "me" ? ctx.principal.userId : undefined);
  const filter = await scopeFilter(ctx, userId);
  const byKind: Record<AssetKind, KindStats> = {
    images: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
    loras: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
    transcripts: { jobs: 0, completed: 0, files: 0, bytes: 0, providerCostUsd: 0 },
  };
  const kindOf = { "image-generation": "images", "lora-training": "loras", transcription: "transcripts" } as const;
  const cursor = ctx.deps.jobs.collection.find(filter, {
    projection: { jobId: 1, type: 1, status: 1, userId: 1, versions: 1, createdAt: 1, updatedAt: 1, workspaceId: 1 },
  });
  for await (const raw of cursor) {
    const job = raw as JobDocument;
    const s = byKind[kindOf[job.type]];
    s.jobs++;
    if (job.status === "completed") s.completed++;
    const files = jobFiles({ ...job, versions: job.versions ?? [] });
    s.files += files.length;
    s.bytes += files.reduce((sum, f) => sum + (f.sizeBytes ?? 0), 0);
    for (const v of job.versions ?? []) if ("wordCount" in v && v.sizeBytes) s.bytes += v.sizeBytes;
    s.providerCostUsd += providerCost({ ...job, versions: job.versions ?? [] });
  }
  const totals = Object.values(byKind).reduce(
    (t, s) => ({ jobs: t.jobs + s.jobs, files: t.files + s.files, bytes: t.bytes + s.bytes, providerCostUsd: t.providerCostUsd + s.providerCostUsd }),
    { jobs: 0, files: 0, bytes: 0, providerCostUsd: 0 },
  );
  for (const s of Object.values(byKind)) s.providerCostUsd = round(s.providerCostUsd);
  return {
    scope: userId ? { userId } : { workspace: ctx.principal.workspaceSlug },
    byType: byKind,
    totals: {
      ...totals,
      providerCostUsd: round(totals.providerCostUsd),
      storageCostUsdPerMonth: round(storageCostPerMonth(totals.bytes)),
    },
    prices: PRICES,
  };
}
