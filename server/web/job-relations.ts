import { TRPCError } from "@trpc/server";
import type { PublicJob } from "../../shared/jobs/view.js";
import type { sessionCaller } from "./session-caller.js";

type Api = ReturnType<typeof sessionCaller>;

/** How many of a picture's children its page lists; the rest are a link away (the gallery filtered to them is not one yet). */
export const LINEAGE_CHILDREN = 24;

/** The LoRA a generation used, as people know it: its trigger word and the version that was current when the picture was made. */
export interface LoraShown {
  jobId: string;
  scale: number;
  /** Null when the LoRA is deleted or not the viewer's to see: the page then names it by its id only. */
  trigger: string | null;
  version: number | null;
}

/** A picture's family: what it was made from and what was made from it, each as the viewer may see it. */
export interface Lineage {
  /** The job its source picture belongs to (an upscale's, a variation's, an edit's …); null when it has none or the viewer may not see it. */
  parent: { job: PublicJob; image: number } | null;
  /** A blend's or a referenced generation's pictures of our jobs, those the viewer may see. */
  sources: Array<{ job: PublicJob; image: number }>;
  /** Jobs made from its pictures, newest first. */
  children: PublicJob[];
  /** More children than listed. */
  moreChildren: boolean;
}

/** A job the viewer may not see (deleted, private, another workspace's) reads as absent, as jobs.get answers 404 for all of them. */
async function visible(api: Api, jobId: string): Promise<PublicJob | null> {
  try {
    return await api.jobs.get({ jobId });
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
    throw err;
  }
}

export async function loraShown(api: Api, job: PublicJob): Promise<LoraShown | undefined> {
  const lora = job.input.lora as { jobId?: unknown; scale?: unknown } | undefined;
  if (typeof lora?.jobId !== "string") return undefined;
  const scale = typeof lora.scale === "number" ? lora.scale : 1;
  const trained = await visible(api, lora.jobId);
  if (!trained) return { jobId: lora.jobId, scale, trigger: null, version: null };
  // The worker loads the latest version when it runs: the one made before the job started (or was made).
  const ranAt = Date.parse(job.startedAt ?? job.createdAt);
  const models = trained.versions.filter((v) => "modelUrl" in v);
  const used = models.filter((v) => !v.createdAt || Date.parse(v.createdAt) <= ranAt).at(-1) ?? models.at(-1);
  return {
    jobId: lora.jobId,
    scale,
    trigger: typeof trained.input.triggerWord === "string" ? trained.input.triggerWord : null,
    version: used?.version ?? null,
  };
}

/** The picture's parent, sources and children, read through the same procedures (and so the same scope) as every page. */
export async function lineageOf(api: Api, job: PublicJob): Promise<Lineage> {
  const [parent, sources, children] = await Promise.all([
    job.parent ? visible(api, job.parent.jobId) : Promise.resolve(null),
    Promise.all(job.sources.map(async (s) => ({ job: await visible(api, s.jobId), image: s.image }))),
    // jobs.list by parentJobId: one indexed query (jobs-collection.ts, embedded-indexes.ts).
    api.jobs.list({ parentJobId: job.jobId, limit: LINEAGE_CHILDREN }),
  ]);
  return {
    parent: parent && job.parent ? { job: parent, image: job.parent.image } : null,
    sources: sources.filter((s): s is { job: PublicJob; image: number } => s.job !== null),
    children: children.items,
    moreChildren: children.nextCursor !== null,
  };
}
