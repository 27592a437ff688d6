import type { ChatDelivery } from "../../chat/delivery.js";
import type { JobDocument, JobType, Visibility } from "./job-schema.js";

export interface NewJob {
  jobId: string;
  type: JobType;
  userId: string;
  workspaceId: string;
  visibility?: Visibility;
  input: Record<string, unknown>;
  idempotencyKey?: string;
  requestId?: string;
  searchTerms?: string[];
  delivery?: ChatDelivery;
  /** An upscale, variation, edit or animate: the job and picture it was made from; an extend: the clip's job and number. */
  parent?: { jobId: string; image: number };
  /** The prompt of the generation the source picture came from. */
  sourcePrompt?: string;
  /** A job made of several pictures (a blend, a generation with references): the pictures of our jobs it used. */
  sources?: Array<{ jobId: string; image: number }>;
}

/** A new job's document: queued, with no progress, provider, versions, usage or uses yet; its `_id` is its jobId. */
export function queuedJobDocument(job: NewJob, now: Date): JobDocument {
  return {
    _id: job.jobId,
    jobId: job.jobId,
    type: job.type,
    status: "queued",
    userId: job.userId,
    workspaceId: job.workspaceId,
    visibility: job.visibility ?? "workspace",
    input: job.input,
    progress: 0,
    provider: null,
    error: null,
    versions: [],
    usage: { files: 0, bytes: 0, costUsd: 0 },
    searchTerms: job.searchTerms ?? [],
    uses: 0,
    ...(job.idempotencyKey ? { idempotencyKey: job.idempotencyKey } : {}),
    ...(job.requestId ? { requestId: job.requestId } : {}),
    ...(job.delivery ? { delivery: job.delivery } : {}),
    ...(job.parent ? { parentJobId: job.parent.jobId, parentImage: job.parent.image } : {}),
    ...(job.sourcePrompt ? { sourcePrompt: job.sourcePrompt } : {}),
    ...(job.sources ? { sources: job.sources } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

/** The jobs a job was made from, each once: its parent and its sources. */
export function parentJobIds(job: Pick<JobDocument, "parentJobId" | "sources">): string[] {
  return [...new Set([...(job.parentJobId ? [job.parentJobId] : []), ...(job.sources ?? []).map((s) => s.jobId)])];
}
