import type { ChatDelivery } from "../../chat/delivery.js";
import { type Collection, type Db, type Filter, MongoServerError } from "mongodb";
import { searchTerms } from "../../search.js";
import {
  type JobDocument,
  type JobError,
  type JobStatus,
  type JobType,
  type JobVersion,
  type ProviderRef,
  type Visibility,
  finalStatuses,
  jobDocument,
} from "./job-schema.js";

export const JOBS_COLLECTION = "jobs";
/**
 * Verified provider webhooks, one document per provider request (`_id` is `provider:requestId`).
 * The webhook route only inserts here and never writes a job document: the job's worker reads
 * them, so a job document has one writer while it runs (FerretDB v1 applies two concurrent
 * updates of one document as read-modify-write, and one of them is lost).
 */
export const WEBHOOKS_COLLECTION = "provider_webhooks";

export interface ProviderWebhook {
  _id: string;
  provider: string;
  requestId: string;
  status: string;
  /** From the webhook URL: the job, and the nonce of the submission that asked for the webhook. */
  jobId?: string;
  submission?: string;
  receivedAt: Date;
}

/** Indexes behind every query the repository makes; created at start, idempotently. */
export const jobIndexes = [
  { key: { jobId: 1 }, name: "jobId_unique", unique: true },
  { key: { userId: 1, createdAt: -1, jobId: -1 }, name: "user_recent" },
  { key: { userId: 1, type: 1, createdAt: -1, jobId: -1 }, name: "user_type_recent" },
  { key: { workspaceId: 1, createdAt: -1, jobId: -1 }, name: "workspace_recent" },
  { key: { workspaceId: 1, type: 1, createdAt: -1, jobId: -1 }, name: "workspace_type_recent" },
  { key: { searchTerms: 1 }, name: "search_terms" },
  { key: { status: 1, updatedAt: 1 }, name: "status_updated" },
  { key: { "provider.requestId": 1 }, name: "provider_request" },
] as const;

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
}

export interface ListJobsQuery {
  userId?: string;
  workspaceId?: string;
  type?: JobType;
  status?: JobStatus;
  limit: number;
  cursor?: string | null;
}

export interface JobPage {
  items: JobDocument[];
  nextCursor: string | null;
}

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
}

/** Cursors name the last item seen by (createdAt, jobId): a stable order that inserts cannot shift. */
export function encodeCursor(job: Pick<JobDocument, "createdAt" | "jobId">): string {
  return Buffer.from(JSON.stringify([job.createdAt.getTime(), job.jobId])).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; jobId: string } {
  try {
    const [ms, jobId] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (typeof ms === "number" && Number.isFinite(ms) && typeof jobId === "string") {
      return { createdAt: new Date(ms), jobId };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError("the cursor is not one this API returned");
}

function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === 11000;
}

/** Told after a job's status or progress changed: the job id, and the document when at hand. */
export type JobChangeListener = (jobId: string, job?: JobDocument) => void;

export class JobsRepository {
  readonly collection: Collection<JobDocument>;
  readonly webhooks: Collection<ProviderWebhook>;
  private readonly listeners: JobChangeListener[] = [];

  /** Observers of status and progress changes, such as the chat notifier; they must not throw. */
  onChange(listener: JobChangeListener): void {
    this.listeners.push(listener);
  }

  private changed(jobId: string, job?: JobDocument): void {
    for (const listener of this.listeners) listener(jobId, job);
  }

  constructor(db: Db) {
    this.collection = db.collection<JobDocument>(JOBS_COLLECTION);
    this.webhooks = db.collection<ProviderWebhook>(WEBHOOKS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    // One at a time: FerretDB v1 drops the connection when a multi-index createIndexes
    // names indexes that already exist, and the result is the same on MongoDB.
    for (const { key, ...options } of jobIndexes) {
      await this.collection.createIndex({ ...key }, options);
    }
    await this.webhooks.createIndex({ jobId: 1 }, { name: "webhook_job" });
  }

  /**
   * Inserts a queued job. The jobId is the document's _id, so a second insert of the
   * same id (a retried create) returns the stored job instead of making another.
   */
  async create(job: NewJob, now = new Date()): Promise<{ job: JobDocument; created: boolean }> {
    const doc: JobDocument = {
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
      searchTerms: job.searchTerms ?? [],
      ...(job.idempotencyKey ? { idempotencyKey: job.idempotencyKey } : {}),
      ...(job.requestId ? { requestId: job.requestId } : {}),
      ...(job.delivery ? { delivery: job.delivery } : {}),
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.collection.insertOne(doc);
      return { job: doc, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const existing = await this.get(job.jobId);
      if (!existing) throw err;
      return { job: existing, created: false };
    }
  }

  async get(jobId: string): Promise<JobDocument | null> {
    // New documents use the jobId as _id, the key every server looks up fastest (FerretDB
    // pushes only _id lookups down to its storage); older documents are found by jobId.
    const doc = (await this.collection.findOne({ _id: jobId })) ?? (await this.collection.findOne({ jobId }));
    return doc ? jobDocument.parse(doc) : null;
  }

  async list(q: ListJobsQuery): Promise<JobPage> {
    const filter: Filter<JobDocument> = {};
    if (q.userId !== undefined) filter.userId = q.userId;
    if (q.workspaceId !== undefined) filter.workspaceId = q.workspaceId;
    if (q.type !== undefined) filter.type = q.type;
    if (q.status !== undefined) filter.status = q.status;
    return this.page(filter, q);
  }

  /** Newest first by (createdAt, jobId), continuing after the cursor; the order is stable under inserts. */
  async page(filter: Filter<JobDocument>, opts: { limit: number; cursor?: string | null | undefined }): Promise<JobPage> {
    let query = filter;
    if (opts.cursor) {
      const c = decodeCursor(opts.cursor);
      const after: Filter<JobDocument> = {
        $or: [{ createdAt: { $lt: c.createdAt } }, { createdAt: c.createdAt, jobId: { $lt: c.jobId } }],
      };
      query = { $and: [filter, after] };
    }
    const docs = await this.collection
      .find(query)
      .sort({ createdAt: -1, jobId: -1 })
      .limit(opts.limit + 1)
      .toArray();
    const items = docs.slice(0, opts.limit).map((d) => jobDocument.parse(d));
    const last = items.at(-1);
    return { items, nextCursor: docs.length > opts.limit && last ? encodeCursor(last) : null };
  }

  /** Hides a job from every read; returns false when it was already deleted. */
  async markDeleted(jobId: string, now = new Date()): Promise<boolean> {
    const res = await this.collection.updateOne({ jobId, deletedAt: null }, { $set: { deletedAt: now, updatedAt: now } });
    if (res.modifiedCount === 1) this.changed(jobId);
    return res.modifiedCount === 1;
  }

  /**
   * Moves a job to a new status unless it already reached a final one, so a late worker
   * can never turn a canceled job into a completed one. Returns the updated job, or null.
   */
  async setStatus(
    jobId: string,
    status: JobStatus,
    extra: { error?: JobError | null; progress?: number } = {},
    now = new Date(),
  ): Promise<JobDocument | null> {
    const set: Partial<JobDocument> = { status, updatedAt: now };
    if (extra.error !== undefined) set.error = extra.error;
    if (extra.progress !== undefined) set.progress = extra.progress;
    if (status === "running") set.startedAt = now;
    if (finalStatuses.includes(status)) set.finishedAt = now;
    const doc = await this.collection.findOneAndUpdate(
      { jobId, status: { $nin: [...finalStatuses] } },
      { $set: set },
      { returnDocument: "after" },
    );
    if (!doc) return null;
    const job = jobDocument.parse(doc);
    this.changed(jobId, job);
    return job;
  }

  /**
   * Updates progress and the provider's queue position and logs, field by field, so it never
   * overwrites what else is on the provider (its request id, a webhook mark).
   */
  async setProgress(jobId: string, progress: number, details: { queuePosition?: number | null; logs?: string[] } = {}, now = new Date()): Promise<boolean> {
    const set: Record<string, unknown> = { progress: Math.max(0, Math.min(100, progress)), updatedAt: now };
    if (details.queuePosition !== undefined) set["provider.queuePosition"] = details.queuePosition;
    if (details.logs !== undefined) set["provider.logs"] = details.logs;
    const res = await this.collection.updateOne({ jobId, status: { $nin: [...finalStatuses] } }, { $set: set });
    if (res.modifiedCount === 1) this.changed(jobId);
    return res.modifiedCount === 1;
  }

  /**
   * Reopens a completed LoRA training for another run, keeping its versions: the next run trains
   * version `versions.length + 1`. Returns null unless the job was completed.
   */
  async reopenForRetraining(jobId: string, input: Record<string, unknown>, now = new Date()): Promise<JobDocument | null> {
    const doc = await this.collection.findOneAndUpdate(
      { jobId, type: "lora-training", status: "completed", deletedAt: null },
      { $set: { status: "queued", input, provider: null, error: null, progress: 0, finishedAt: null, updatedAt: now } },
      { returnDocument: "after" },
    );
    return doc ? jobDocument.parse(doc) : null;
  }

  /** Replaces the job's provider reference: a new submission is announced with it (see submitAnnounced). */
  async setProvider(jobId: string, provider: ProviderRef, now = new Date()): Promise<void> {
    await this.collection.updateOne({ jobId }, { $set: { provider, updatedAt: now } });
  }

  /** Appends a version unless one with the same number exists, so a retried step adds it once. */
  async pushVersion(jobId: string, version: JobVersion & { version: number }, now = new Date()): Promise<boolean> {
    const res = await this.collection.updateOne(
      { jobId, "versions.version": { $ne: version.version } },
      { $push: { versions: version }, $set: { updatedAt: now } },
    );
    return res.modifiedCount === 1;
  }

  /**
   * Gives documents written before workspaces existed (no workspaceId) to a workspace, as
   * shared jobs, and fills in the fields newer documents always have. Returns how many changed.
   */
  async adoptLegacy(workspaceId: string, userId?: string): Promise<number> {
    const filter: Filter<JobDocument> = { workspaceId: { $exists: false } };
    if (userId) filter.userId = userId;
    let adopted = 0;
    for await (const raw of this.collection.find(filter)) {
      const doc = raw as JobDocument;
      const prompt = doc.input?.prompt;
      const terms = new Set<string>([...(doc.searchTerms ?? []), ...searchTerms(typeof prompt === "string" ? prompt : undefined)]);
      const res = await this.collection.updateOne(
        { _id: doc._id, workspaceId: { $exists: false } } as Filter<JobDocument>,
        {
          $set: {
            workspaceId,
            visibility: doc.visibility ?? "workspace",
            jobId: doc.jobId ?? String(doc._id),
            deletedAt: null,
            searchTerms: [...terms],
          },
        },
      );
      adopted += res.modifiedCount;
    }
    return adopted;
  }

  /**
   * Stores the request id of the submission `nonce` names, unless the job already holds one.
   * Returns the job's request id afterwards, or undefined when the nonce is not the job's latest
   * submission.
   */
  async setSubmittedRequest(jobId: string, nonce: string, requestId: string, now = new Date()): Promise<string | undefined> {
    await this.collection.updateOne(
      { jobId, "provider.submission.nonce": nonce, $or: [{ "provider.requestId": null }, { "provider.requestId": { $exists: false } }] },
      { $set: { "provider.requestId": requestId, updatedAt: now } },
    );
    const doc = await this.collection.findOne({ jobId, "provider.submission.nonce": nonce }, { projection: { provider: 1 } });
    return doc?.provider?.requestId ?? undefined;
  }

  /** Forgets an announced submission the provider refused, so a retry submits without looking for it. */
  async withdrawSubmission(jobId: string, nonce: string, now = new Date()): Promise<void> {
    await this.collection.updateOne({ jobId, "provider.submission.nonce": nonce, "provider.requestId": null }, { $set: { provider: null, updatedAt: now } });
  }

  /**
   * Records a verified provider webhook, once: a repeated delivery inserts nothing. Returns
   * whether this delivery was the first.
   */
  async recordWebhook(provider: string, requestId: string, status: string, ref: { jobId?: string | undefined; submission?: string | undefined } = {}, now = new Date()): Promise<boolean> {
    try {
      await this.webhooks.insertOne({
        _id: `${provider}:${requestId}`,
        provider,
        requestId,
        status,
        ...(ref.jobId ? { jobId: ref.jobId } : {}),
        ...(ref.submission ? { submission: ref.submission } : {}),
        receivedAt: now,
      });
      return true;
    } catch (err) {
      if (err instanceof MongoServerError && err.code === 11000) return false;
      throw err;
    }
  }

  /** The webhook fal or AssemblyAI sent when this request ended, if one came. */
  async webhookFor(provider: string, requestId: string): Promise<ProviderWebhook | null> {
    return this.webhooks.findOne({ _id: `${provider}:${requestId}` });
  }

  /** The webhook of the request the job's submission `nonce` made, if one came. */
  async webhookForSubmission(provider: string, jobId: string, nonce: string): Promise<ProviderWebhook | null> {
    return this.webhooks.findOne({ jobId, provider, submission: nonce });
  }

  /** Notes on the job, once, that its provider's webhook came; written by the job's worker. */
  async markWebhook(jobId: string, hook: ProviderWebhook, now = new Date()): Promise<void> {
    await this.collection.updateOne(
      { jobId, "provider.requestId": hook.requestId, "provider.webhook": { $exists: false } },
      { $set: { "provider.webhook": { status: hook.status, receivedAt: hook.receivedAt }, updatedAt: now } },
    );
  }

  async addSearchTerms(jobId: string, terms: string[]): Promise<void> {
    if (terms.length === 0) return;
    await this.collection.updateOne({ jobId }, { $addToSet: { searchTerms: { $each: terms } } });
  }
}
